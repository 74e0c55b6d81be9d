//! The fuzz corpora as regression tests, on stable Rust: every committed
//! file under `fuzz/corpus/<target>/`, and every seed the shared vectors
//! give, runs through the fuzz targets' own bodies
//! (`support/fuzz_entries.rs`). None may panic, and no error message may
//! contain a test secret (secretKey, clientSecret, an access token).
//!
//! `MOMO_FUZZ_SEED_OUT=<dir>` makes `vector_seeds_run_clean` also write the
//! seeds to `<dir>/<target>/` (`./task fuzz seed` does).

#[path = "support/fuzz_entries.rs"]
mod entries;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// One fuzz input: its target, where it came from, its bytes.
struct Case {
    target: &'static str,
    origin: String,
    bytes: Vec<u8>,
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn entry(target: &str) -> entries::Entry {
    entries::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no fuzz target {target}"))
        .1
}

/// Every file of every target's committed corpus.
fn corpus() -> Vec<Case> {
    let mut cases = Vec::new();
    for (target, _) in entries::TARGETS {
        let dir = repo("fuzz/corpus").join(target);
        let files = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for file in files {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let origin = path.display().to_string();
            cases.push(Case {
                target,
                origin,
                bytes,
            });
        }
    }
    cases
}

fn load(name: &str) -> Value {
    let path = repo("tests/vectors").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn vectors(file: &str) -> Vec<Value> {
    load(file)["vectors"].as_array().unwrap().clone()
}

/// The inputs model seed of a request or validation vector, and its
/// config's newClient seed.
fn request_seeds(vector: &Value, seeds: &mut Vec<(&'static str, Vec<u8>)>) {
    let op = vector["operation"].as_str().unwrap();
    let input = match &vector["input"]["request"] {
        Value::Null => &vector["input"],
        request => request,
    };
    if let Some(seed) = entries::input_seed(op, &input.to_string()) {
        seeds.push(("inputs", seed));
    }
    if let Some(seed) = entries::input_seed("newClient", &vector["config"].to_string()) {
        if vector["config"].is_object() {
            seeds.push(("inputs", seed));
        }
    }
}

/// Every seed tests/vectors gives, plus the entries' extra seeds.
fn vector_seeds() -> Vec<Case> {
    let mut seeds = entries::extra_seeds();
    for v in vectors("ipn.json") {
        let body = v["body"].as_str().unwrap().as_bytes();
        for mode in [0, 1, 3] {
            seeds.push(("ipn", [&[mode], body].concat()));
        }
    }
    for v in vectors("parsing.json") {
        let status = u16::try_from(v["status"].as_u64().unwrap()).unwrap();
        let seed = entries::response_seed(
            v["operation"].as_str().unwrap(),
            status,
            v["body"].as_str().unwrap(),
        );
        seeds.push(("responses", seed.expect("every parsing vector has a seed")));
    }
    let checkout = load("checkout.json");
    let list = |key: &str| checkout[key].as_array().unwrap().clone();
    for v in list("parse") {
        let status = u16::try_from(v["status"].as_u64().unwrap()).unwrap();
        let body = v["body"].as_str().unwrap();
        let seed = entries::response_seed("parseCreatePayment", status, body).unwrap();
        seeds.push(("responses", seed));
    }
    for v in list("create").into_iter().chain(list("createErrors")) {
        let seed = entries::input_seed("createPayment", &v["input"].to_string()).unwrap();
        seeds.push(("inputs", seed));
    }
    for v in list("redirect") {
        seeds.push((
            "ipn",
            [&[4], v["query"].as_str().unwrap().as_bytes()].concat(),
        ));
    }
    for file in [
        "requests.json",
        "validation.json",
        "rsa.json",
        "hostile.json",
    ] {
        for v in vectors(file) {
            request_seeds(&v, &mut seeds);
        }
    }
    let defaults = load("validation.json")["defaultConfig"].to_string();
    seeds.push((
        "inputs",
        entries::input_seed("newClient", &defaults).unwrap(),
    ));
    for (op, text) in [
        ("extraDataEncode", r#"{"username": "momo"}"#),
        ("extraDataDecode", "eyJ1c2VybmFtZSI6ICJtb21vIn0="),
    ] {
        seeds.push(("inputs", entries::input_seed(op, text).unwrap()));
    }
    let rsa = load("rsa.json");
    for key in rsa["keys"].as_array().unwrap() {
        for (shape, text) in key["publicKeys"].as_object().unwrap() {
            let text = text.as_str().unwrap();
            seeds.push(("keys", entries::key_text_seed(text)));
            if shape.contains("DerBase64") {
                let der = base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(text.trim_end_matches('='))
                    .unwrap();
                seeds.push(("keys", entries::key_der_seed(&der)));
            }
        }
    }
    for error in rsa["errors"].as_array().unwrap() {
        if let Some(text) = error["publicKey"].as_str() {
            seeds.push(("keys", entries::key_text_seed(text)));
        }
    }
    for pem in std::fs::read_dir(repo("tests/vectors/keys")).unwrap() {
        let text = std::fs::read_to_string(pem.unwrap().path()).unwrap();
        seeds.push(("keys", entries::key_text_seed(&text)));
    }
    seeds
        .into_iter()
        .enumerate()
        .map(|(i, (target, bytes))| Case {
            target,
            origin: format!("seed #{i}"),
            bytes,
        })
        .collect()
}

/// What running cases produced: every error message, with the input's
/// origin, and every panic.
#[derive(Default)]
struct Run {
    errors: Vec<(String, String)>,
    panics: Vec<String>,
}

fn run(cases: &[Case]) -> Run {
    let mut run = Run::default();
    for case in cases {
        let mut errors = Vec::new();
        let entry = entry(case.target);
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| entry(&case.bytes, &mut errors))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            run.panics
                .push(format!("{} {}: {why}", case.target, case.origin));
        }
        let origin = format!("{} {}", case.target, case.origin);
        run.errors
            .extend(errors.into_iter().map(|e| (origin.clone(), e)));
    }
    run
}

/// The errors whose message contains a test secret, as report lines.
fn leaks(errors: &[(String, String)]) -> Vec<String> {
    errors
        .iter()
        .filter(|(_, message)| entries::SECRETS.iter().any(|s| message.contains(s)))
        .map(|(origin, message)| format!("{origin}: {message}"))
        .collect()
}

fn assert_clean(what: &str, cases: &[Case]) {
    let run = run(cases);
    assert!(
        run.panics.is_empty(),
        "{} of {} {what} inputs panicked:\n{}",
        run.panics.len(),
        cases.len(),
        run.panics.join("\n")
    );
    assert!(!run.errors.is_empty(), "no {what} input gave an error");
    let leaks = leaks(&run.errors);
    assert!(
        leaks.is_empty(),
        "{} of {} error messages of {what} inputs quote a test secret:\n{}",
        leaks.len(),
        run.errors.len(),
        leaks.join("\n")
    );
}

#[test]
fn committed_corpus_runs_clean() {
    let cases = corpus();
    for (target, _) in entries::TARGETS {
        let n = cases.iter().filter(|c| c.target == target).count();
        assert!(n > 0, "fuzz/corpus/{target} is empty");
    }
    assert_clean("corpus", &cases);
}

#[test]
fn vector_seeds_run_clean() {
    let seeds = vector_seeds();
    if let Some(out) = std::env::var_os("MOMO_FUZZ_SEED_OUT") {
        for seed in &seeds {
            let dir = Path::new(&out).join(seed.target);
            std::fs::create_dir_all(&dir).unwrap();
            let name: String = Sha256::digest(&seed.bytes)
                .iter()
                .take(20)
                .map(|b| format!("{b:02x}"))
                .collect();
            std::fs::write(dir.join(name), &seed.bytes).unwrap();
        }
    }
    for (target, _) in entries::TARGETS {
        assert!(
            seeds.iter().any(|s| s.target == target),
            "no seed for {target}"
        );
    }
    assert_clean("seed", &seeds);
}

#[test]
fn the_secret_check_catches_every_secret() {
    for secret in entries::SECRETS {
        let planted = [("planted".to_owned(), format!("INTERNAL (x): got {secret}!"))];
        assert_eq!(leaks(&planted).len(), 1, "{secret}");
    }
    let clean = [(
        "clean".to_owned(),
        "SIGNATURE_MISMATCH (signature): no".to_owned(),
    )];
    assert!(leaks(&clean).is_empty());
}

#[test]
fn the_ipn_entry_signs_a_tampered_body_so_the_fuzzer_gets_past_the_signature() {
    let body = vectors("ipn.json")[0]["body"].as_str().unwrap().to_owned();
    let tampered = body.replace("\"amount\":50000", "\"amount\":60000");
    assert_ne!(body, tampered);
    let run = |mode: u8, body: &str| {
        let mut errors = Vec::new();
        entries::ipn(&[&[mode], body.as_bytes()].concat(), &mut errors);
        errors
    };
    assert_eq!(run(0, &body), Vec::<String>::new());
    assert!(run(0, &tampered)[0].starts_with("SIGNATURE_MISMATCH"));
    assert_eq!(run(1, &tampered), Vec::<String>::new());
}
