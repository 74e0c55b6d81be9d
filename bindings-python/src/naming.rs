//! Pure naming conversions between the core's camelCase serde names and
//! Python's snake_case attributes and keyword arguments.

/// Python keywords that a snake_case name may collide with (`class`).
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// `orderId` -> `order_id`, `xRequestId` -> `x_request_id`, `class` -> `class_`.
pub fn camel_to_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `order_id` -> `orderId`, `class_` -> `class`; camelCase passes through.
pub fn snake_to_camel(name: &str) -> String {
    if !name.contains('_') {
        return name.to_owned();
    }
    let trimmed = name.strip_suffix('_').unwrap_or(name);
    let mut out = String::with_capacity(trimmed.len());
    let mut upper = false;
    for c in trimmed.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (camel, snake) in [
            ("orderId", "order_id"),
            ("xRequestId", "x_request_id"),
            ("retryWithNewRequestId", "retry_with_new_request_id"),
            ("class", "class_"),
            ("type", "type"),
            ("token", "token"),
        ] {
            assert_eq!(camel_to_snake(camel), snake);
            assert_eq!(snake_to_camel(snake), camel);
        }
        assert_eq!(snake_to_camel("orderId"), "orderId");
        assert_eq!(snake_to_camel("amout"), "amout");
    }
}
