//! `momo-sandbox`: runs the offline MoMo sandbox on 127.0.0.1.
//!
//! The first stdout line is `MOMO_SANDBOX_READY {json}` (the credentials
//! with the URL); human-readable lines follow. Requests are logged on stderr.
//!
//! `momo-sandbox load ...` runs concurrent checkouts against a sandbox
//! instead (see [`momo_sandbox::load`]).

use std::process::ExitCode;

use momo_sandbox::load::{self, LoadOptions};
use momo_sandbox::{triggers, Options, Sandbox, INVALID_GIFT_TYPE_PREFIX, NO_WALLET};

const USAGE: &str = "\
momo-sandbox: an offline MoMo sandbox on 127.0.0.1

usage: momo-sandbox [options]
  --port N               TCP port on 127.0.0.1 (default 8765; 0 = a free port)
  --slow-ms MS           delay of the 4,040,000 VND trigger (default 15000)
  --token-ttl-ms MS      Business Page access token lifetime (default 86400000)
  --pay-token-ttl-ms MS  tokenization/create token lifetime (default 600000)
  --pay-page-ttl-ms MS   lifetime of every create payment page, instead of
                         orderExpireTime (default: orderExpireTime, else 15 min)
  --ipn-url URL          where payment notifications go (http://127.0.0.1:N/path)
  --ipn-attempts N       delivery attempts per notification (default 3)
  --ipn-retry-ms MS      delay before the first retry, doubled each time (default 500)
  --max-body-bytes N     largest request body (default 65536; larger -> 413)
  --max-connections N    connections served at once (default 1024); over it a
                         new one replaces the oldest idle one
  --header-timeout-ms MS a request head must arrive within MS of its first
                         byte (default 10000)
  --idle-timeout-ms MS   close a connection idle for MS (default 30000)
  --max-records N        entries kept per stored map (orders, payments,
                         requestIds, tokens, gift batches; default 50000);
                         the oldest is forgotten first
  --quiet                no request log on stderr
  -h, --help             this text

usage: momo-sandbox load [options]
  N concurrent checkouts (tokenization/create + pay), then a check that
  orders created == orders settled (GET /sandbox/stats and one query per
  order); prints checkouts/s and latency percentiles; exit 1 if inconsistent.
  --url URL              a running sandbox (default: start one in this process)
  --checkouts N          checkouts in all (default 2000)
  --concurrency N        checkouts in flight at once (default 64)
  --amount VND           amount of each payment (default 50000)";

fn number<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{name}: {text:?} is not a valid number"))
}

/// Splits `--name=value` into its name and inline value.
fn split_flag(arg: &str) -> (String, Option<String>) {
    match arg.split_once('=') {
        Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
        _ => (arg.to_owned(), None),
    }
}

/// The options of `momo-sandbox load`; `url` is empty when none was given.
fn parse_load_args(args: impl IntoIterator<Item = String>) -> Result<Option<LoadOptions>, String> {
    let mut options = LoadOptions {
        url: String::new(),
        checkouts: 2000,
        concurrency: 64,
        amount: 50_000,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = split_flag(&arg);
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--url" => options.url = value("a URL")?,
            "--checkouts" => options.checkouts = number(&name, &value("a count")?)?,
            "--concurrency" => {
                options.concurrency = number(&name, &value("a count")?)?;
                if options.concurrency == 0 {
                    return Err("--concurrency must be at least 1".into());
                }
            }
            "--amount" => options.amount = number(&name, &value("an amount")?)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(options))
}

/// `momo-sandbox load`: exit 0 only when the run was consistent.
async fn load_main(args: impl IntoIterator<Item = String>) -> ExitCode {
    let mut options = match parse_load_args(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("momo-sandbox load: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut local = None;
    if options.url.is_empty() {
        match Sandbox::start(Options {
            port: 0,
            ..Options::default()
        })
        .await
        {
            Ok(s) => {
                options.url = s.url().to_owned();
                local = Some(s);
            }
            Err(e) => {
                eprintln!("momo-sandbox load: cannot start a sandbox: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "momo-sandbox load: {} checkouts of {} VND at concurrency {} against {}{}",
        options.checkouts,
        options.amount,
        options.concurrency,
        options.url,
        if local.is_some() {
            " (in this process)"
        } else {
            ""
        }
    );
    let report = load::run(&options).await;
    if let Some(s) = local {
        s.stop().await;
    }
    match report {
        Ok(r) => {
            println!("{}", r.summary());
            for f in &r.failures {
                println!("  failure: {f}");
            }
            if r.consistent() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("momo-sandbox load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        log: true,
        ..Options::default()
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = split_flag(&arg);
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => options.port = number(&name, &value("a port")?)?,
            "--slow-ms" => options.slow_ms = number(&name, &value("milliseconds")?)?,
            "--token-ttl-ms" => {
                options.token_ttl_ms = number(&name, &value("milliseconds")?)?;
                if options.token_ttl_ms <= 0 {
                    return Err("--token-ttl-ms must be positive".into());
                }
            }
            "--pay-token-ttl-ms" => {
                options.pay_token_ttl_ms = number(&name, &value("milliseconds")?)?;
                if options.pay_token_ttl_ms <= 0 {
                    return Err("--pay-token-ttl-ms must be positive".into());
                }
            }
            "--pay-page-ttl-ms" => {
                let ms: i64 = number(&name, &value("milliseconds")?)?;
                if ms <= 0 {
                    return Err("--pay-page-ttl-ms must be positive".into());
                }
                options.pay_page_ttl_ms = Some(ms);
            }
            "--ipn-url" => options.ipn_url = Some(value("a URL")?),
            "--ipn-attempts" => {
                options.ipn_attempts = number(&name, &value("a count")?)?;
                if options.ipn_attempts == 0 {
                    return Err("--ipn-attempts must be at least 1".into());
                }
            }
            "--ipn-retry-ms" => {
                options.ipn_retry_delay_ms = number(&name, &value("milliseconds")?)?
            }
            "--max-body-bytes" => {
                options.max_body_bytes = number(&name, &value("a size")?)?;
                if options.max_body_bytes == 0 {
                    return Err("--max-body-bytes must be positive".into());
                }
            }
            "--max-connections" => options.max_connections = positive(&name, &value("a count")?)?,
            "--header-timeout-ms" => {
                options.header_timeout_ms = positive(&name, &value("milliseconds")?)?
            }
            "--idle-timeout-ms" => {
                options.idle_timeout_ms = positive(&name, &value("milliseconds")?)?
            }
            "--max-records" => options.max_records = positive(&name, &value("a count")?)?,
            "--quiet" => options.log = false,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(options))
}

/// A number that must be at least 1.
fn positive<T: std::str::FromStr + Default + PartialEq>(
    name: &str,
    text: &str,
) -> Result<T, String> {
    let n: T = number(name, text)?;
    if n == T::default() {
        return Err(format!("{name} must be at least 1"));
    }
    Ok(n)
}

fn print_banner(sandbox: &Sandbox, options: &Options) {
    let c = sandbox.credentials();
    let url = sandbox.url();
    println!("MoMo offline sandbox on {url} (127.0.0.1 only; state in memory; Ctrl-C stops it)");
    println!("  gatewayBaseUrl  {url}");
    println!("  businessBaseUrl {url}/api");
    println!("  giftBaseUrl     {url}   (plaintext JSON gift bodies)");
    println!("Test credentials (fixed; also GET {url}/sandbox/credentials):");
    println!("  partnerCode   {}", c.partner_code);
    println!("  accessKey     {}", c.access_key);
    println!("  secretKey     {}", c.secret_key);
    println!("  partnerId     {}", c.partner_id);
    println!("  clientId      {}", c.client_id);
    println!("  clientSecret  {}", c.client_secret);
    println!(
        "Triggers (tokenization/pay amount, or create's when Approve is clicked on its payment page, VND): {} -> 1001 insufficient funds; 1,002,000..1,007,000 -> 1002..1007;",
        triggers::INSUFFICIENT_FUNDS
    );
    println!(
        "  {} -> 7000 pending (first query 7000, then 0); {} -> 9000 authorized (confirm);",
        triggers::PENDING,
        triggers::AUTHORIZED
    );
    println!(
        "  {} -> 0 after {} ms; other valid amounts -> 0. Gift: walletId {NO_WALLET} -> 802, giftType {INVALID_GIFT_TYPE_PREFIX}* -> 809.",
        triggers::SLOW,
        options.slow_ms
    );
    println!(
        "create: payUrl {url}/sandbox/pay/<id> opens a page with Approve / Decline (1006); {} also delays create's answer.",
        triggers::SLOW
    );
    println!(
        "IPN: POST {url}/sandbox/ipn-url {{\"url\":\"http://127.0.0.1:N/path\"}} (now: {})",
        options.ipn_url.as_deref().unwrap_or("none")
    );
    println!(
        "Public key (RSA-2048, SPKI PEM; encrypt {{\"value\":\"<token>\"}} with PKCS#1 v1.5):"
    );
    print!("{}", c.public_key_pem);
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("load") {
        args.remove(0);
        return load_main(args).await;
    }
    let options = match parse_args(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("momo-sandbox: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start(options.clone()).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "momo-sandbox: cannot start on 127.0.0.1:{}: {e}",
                options.port
            );
            return ExitCode::FAILURE;
        }
    };
    println!("{}", sandbox.ready_line());
    print_banner(&sandbox, &options);
    stop_signal().await;
    eprintln!("momo-sandbox: stopping");
    sandbox.stop().await;
    ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_flags_in_both_forms() {
        let o = parse_args(args(&["--port", "0", "--slow-ms=250", "--quiet"]))
            .unwrap()
            .unwrap();
        assert_eq!((o.port, o.slow_ms, o.log), (0, 250, false));
        assert!(parse_args(args(&["--help"])).unwrap().is_none());
        assert!(parse_args(args(&["--port"])).is_err());
        assert!(parse_args(args(&["--port", "x"])).is_err());
        assert!(parse_args(args(&["--bogus"])).is_err());
        assert!(parse_args(args(&["--token-ttl-ms", "0"])).is_err());
        let o = parse_args(args(&[
            "--max-connections=10",
            "--header-timeout-ms",
            "500",
            "--idle-timeout-ms=700",
            "--max-records",
            "99",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            (
                o.max_connections,
                o.header_timeout_ms,
                o.idle_timeout_ms,
                o.max_records
            ),
            (10, 500, 700, 99)
        );
        assert!(parse_args(args(&["--max-connections", "0"])).is_err());
        assert!(parse_args(args(&["--max-records", "-1"])).is_err());
    }

    #[test]
    fn parses_load_flags() {
        let o = parse_load_args(args(&[
            "--checkouts=10",
            "--concurrency",
            "3",
            "--url",
            "u",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!((o.checkouts, o.concurrency, o.url.as_str()), (10, 3, "u"));
        assert_eq!(parse_load_args(args(&[])).unwrap().unwrap().checkouts, 2000);
        assert!(parse_load_args(args(&["--concurrency", "0"])).is_err());
        assert!(parse_load_args(args(&["--port", "1"])).is_err());
    }
}
