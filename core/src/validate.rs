//! Small validation rules shared by every operation. Each returns a typed
//! error naming the field and the rule.

use crate::error::{ErrorCode, MomoError, Result};

/// The value must be present and not blank.
pub fn required(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(MomoError::new(
            ErrorCode::Required,
            field,
            "must not be empty",
        ));
    }
    Ok(())
}

/// The value must have at most `max` characters (MoMo counts characters).
pub fn max_len(field: &str, value: &str, max: usize) -> Result<()> {
    let len = value.chars().count();
    if len > max {
        return Err(MomoError::new(
            ErrorCode::TooLong,
            field,
            format!("must be at most {max} characters, got {len}"),
        ));
    }
    Ok(())
}

/// Required and at most `max` characters.
pub fn required_max(field: &str, value: &str, max: usize) -> Result<()> {
    required(field, value)?;
    max_len(field, value, max)
}

/// Optional (absent is fine) but at most `max` characters when present.
pub fn optional_max(field: &str, value: Option<&str>, max: usize) -> Result<()> {
    value.map_or(Ok(()), |v| max_len(field, v, max))
}

/// MoMo's orderId pattern `^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$`: letters and
/// digits, with `-`, `_`, `.` only between them.
pub fn is_order_id(value: &str) -> bool {
    let bytes = value.as_bytes();
    let alnum = |b: &u8| b.is_ascii_alphanumeric();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            alnum(first) && alnum(last) && bytes.iter().all(|b| alnum(b) || b"-_.".contains(b))
        }
        _ => false,
    }
}

/// Longest orderId MoMo's gateway accepts.
pub const ORDER_ID_MAX: usize = 200;
/// Longest requestId (seed 002: String(50)).
pub const REQUEST_ID_MAX: usize = 50;

/// A required orderId matching MoMo's pattern.
pub fn order_id(field: &str, value: &str) -> Result<()> {
    required_max(field, value, ORDER_ID_MAX)?;
    if !is_order_id(value) {
        return Err(MomoError::new(
            ErrorCode::InvalidFormat,
            field,
            "must match ^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$ (letters, digits; -_. only between them)",
        ));
    }
    Ok(())
}

/// A required requestId of at most 50 characters.
pub fn request_id(field: &str, value: &str) -> Result<()> {
    required_max(field, value, REQUEST_ID_MAX)
}

/// An amount within `min..=max` whole VND.
pub fn amount_in(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if value < min || value > max {
        return Err(MomoError::new(
            ErrorCode::InvalidAmount,
            field,
            format!("must be between {min} and {max} VND, got {value}"),
        ));
    }
    Ok(())
}

/// An amount that is zero or more.
pub fn non_negative(field: &str, value: i64) -> Result<()> {
    if value < 0 {
        return Err(MomoError::new(
            ErrorCode::InvalidAmount,
            field,
            format!("must not be negative, got {value}"),
        ));
    }
    Ok(())
}

/// A time the caller gives in epoch milliseconds (a request time, the
/// caller's clock): zero or more, since MoMo's times start in 1970.
pub fn epoch_ms(field: &str, value: i64) -> Result<()> {
    if value < 0 {
        return Err(MomoError::new(
            ErrorCode::InvalidInput,
            field,
            format!("is epoch milliseconds and must not be negative, got {value}"),
        ));
    }
    Ok(())
}

/// A `yyyy-MM-dd` calendar date (leap years included).
pub fn is_iso_date(value: &str) -> bool {
    let b = value.as_bytes();
    if !value.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &value[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_id_pattern() {
        for ok in [
            "a",
            "6d0a1b10-b382-11e9-8fda-91fa25841420",
            "235_1713267813811",
            "a.-_b",
        ] {
            assert!(is_order_id(ok), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a b",
            "1666756278085:0123456778",
            "đơn1",
            "a/b",
        ] {
            assert!(!is_order_id(bad), "{bad}");
        }
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2020-08-10"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("1900-02-29"));
        assert!(is_iso_date("2000-02-29"));
        assert!(!is_iso_date("2020-8-10"));
        assert!(!is_iso_date("2020/08/10"));
        assert!(!is_iso_date("2020-13-01"));
        assert!(!is_iso_date("2020-00-10"));
        assert!(!is_iso_date("+020-08-10"));
        assert!(!is_iso_date("2020-0é-1"));
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(max_len("f", "hộp", 3).is_ok());
        let err = max_len("f", "hộpp", 3).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::TooLong, "f"));
    }
}
