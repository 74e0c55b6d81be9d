//! The text of a double as `format!("{v}")` writes it, without Rust's own
//! float formatter.
//!
//! Doubles reach the core only as host input: a rate (`0.08`) read into
//! [`crate::amount::Rate`], or a number refused as an amount and named in
//! the error message. Rust's formatter (and serde's "floating point" error
//! text, built on it) brings about 15 KB gzipped of tables and code into the
//! npm package's .wasm. zmij, already there for serde_json's output, gives
//! shortest round-trip digits; this writes them out positionally.
//!
//! Up to 15 significant digits the text is Rust's, byte for byte: at that
//! length at most one decimal reads back as a given double. With 16 or 17
//! digits two texts of the same length can both read back as it, and zmij
//! and Rust may pick different ones (`1103088004563207.2` against `.3`).
//! Such a number only ever appears in an error message, and every host runs
//! this same code, so hosts still agree with each other.

/// `v` as `format!("{v}")` writes it (see the module docs for 16-17
/// digits): the shortest digits that read back as `v`, never an exponent (`0.000001`, `1000000000000000000000`), no
/// `.0` on whole numbers, `NaN`, `inf`, `-inf`, `-0`.
pub(crate) fn plain(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let mut buffer = zmij::Buffer::new();
    positional(buffer.format_finite(v))
}

/// `v` as serde words it in an "invalid type" error: [`plain`], with `.0`
/// added to a finite whole number (`floating point `20000.0``).
pub(crate) fn with_decimal_point(v: f64) -> String {
    let mut text = plain(v);
    if v.is_finite() && !text.contains('.') {
        text.push_str(".0");
    }
    text
}

/// Rewrites zmij's `-?D[.DDD][e[+-]N]` without the exponent and without
/// trailing fraction zeros.
fn positional(text: &str) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (mantissa, exponent) = match unsigned.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    // Where the decimal point falls within `digits`.
    let point = i32::try_from(whole.len())
        .unwrap_or(i32::MAX)
        .saturating_add(exponent);

    let mut out = String::with_capacity(digits.len() + 8);
    out.push_str(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        let point = point as usize;
        if point >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    if out.contains('.') {
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rusts_formatter_on_the_edges() {
        for v in [
            0.0,
            -0.0,
            0.08,
            0.000001,
            1.5e-7,
            20_000.0,
            1e15,
            1e16,
            1e21,
            9_007_199_254_740_992.0,
            0.1 + 0.2,
            -123_456.789,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(plain(v), format!("{v}"), "{v:e}");
        }
    }

    #[test]
    fn a_seventeen_digit_tie_may_differ_from_rust_but_reads_back() {
        // Found by the property test below: Rust writes ...028.3.
        let v = f64::from_bits(4_836_126_328_316_159_825);
        assert_eq!(format!("{v}"), "2066881943747028.3");
        assert_eq!(plain(v), "2066881943747028.2");
        assert_eq!("2066881943747028.2".parse::<f64>().unwrap(), v);
    }

    #[test]
    fn serde_style_keeps_a_decimal_point_on_whole_numbers() {
        assert_eq!(with_decimal_point(20_000.0), "20000.0");
        assert_eq!(with_decimal_point(1.5), "1.5");
        assert_eq!(with_decimal_point(f64::NAN), "NaN");
        assert_eq!(with_decimal_point(-0.0), "-0.0");
    }

    /// Significant digits of a positional text (`-0.00120` has 2).
    fn significant_digits(text: &str) -> usize {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        digits.trim_start_matches('0').trim_end_matches('0').len()
    }

    proptest::proptest! {
        #[test]
        fn any_double_reads_back_with_rusts_length(bits in proptest::num::u64::ANY) {
            let v = f64::from_bits(bits);
            let (ours, rusts) = (plain(v), format!("{v}"));
            if v.is_finite() {
                let back: f64 = ours.parse().unwrap();
                proptest::prop_assert_eq!(back.to_bits(), v.to_bits(), "{}", ours);
                proptest::prop_assert_eq!(ours.len(), rusts.len());
            }
            if significant_digits(&rusts) <= 15 {
                proptest::prop_assert_eq!(ours, rusts);
            }
        }

        #[test]
        fn up_to_fifteen_digits_is_rusts_text(
            n in -999_999_999_999_999_i64..=999_999_999_999_999,
            scale in 0i32..24,
        ) {
            let v = n as f64 / 10f64.powi(scale);
            proptest::prop_assert_eq!(plain(v), format!("{v}"));
        }
    }
}
