//! The JavaScript semantics the token server's claim script applies to JSON values
//! (`validate-client-assertion-claims.js` runs in Apigee's JavaScript): truthiness (`!x`),
//! loose equality (`x != y`), `ToNumber` and `ToString`, and the `Date` comparison of `exp`.
//! Each is the ECMAScript rule restricted to what JSON can hold.

use serde_json::Value;

/// `!!value`: false for a missing member, `null`, `false`, `0`, `-0` and `""`.
pub(crate) fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_) | Value::Object(_)) => true,
    }
}

/// JavaScript's white space and line terminators, which `Number(text)` trims.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{D}'
            | ' '
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{FEFF}'
    )
}

/// `Number(text)` (StringToNumber): trimmed; empty is 0; `0x`/`0o`/`0b` integers;
/// `Infinity` with an optional sign; otherwise a decimal literal, or NaN.
pub(crate) fn string_to_number(text: &str) -> f64 {
    let t = text.trim_matches(js_space);
    if t.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = t.strip_prefix(prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return f64::NAN;
            }
            return digits.chars().fold(0.0, |acc, c| {
                acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
            });
        }
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    // A decimal literal: digits, one '.', an exponent; Rust's parser agrees once words such as
    // "inf" and "nan" (which JavaScript does not take) are ruled out.
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

/// `Number(value)` for a JSON value (a missing member is `undefined`, NaN).
pub(crate) fn to_number(value: Option<&Value>) -> f64 {
    match value {
        None => f64::NAN,
        Some(Value::Null) => 0.0,
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        Some(Value::String(s)) => string_to_number(s),
        Some(v @ (Value::Array(_) | Value::Object(_))) => string_to_number(&to_string(v)),
    }
}

/// `Number.prototype.toString()`: integers below 10^21 in full, other numbers in the shortest
/// form that reads back, with an exponent outside 10^-6..10^21.
pub(crate) fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_owned();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if n == 0.0 {
        return "0".to_owned();
    }
    let abs = n.abs();
    if (1e-6..1e21).contains(&abs) {
        // Rust prints the same shortest digits as JavaScript, without an exponent.
        return format!("{n}");
    }
    let e = format!("{n:e}");
    match e.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => e,
    }
}

/// `String(value)` for a JSON value: arrays join their items with `,` (null items empty),
/// objects are `[object Object]`.
pub(crate) fn to_string(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_to_string(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Null => String::new(),
                other => to_string(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".to_owned(),
    }
}

/// `a == b` (IsLooselyEqual) for JSON values; `None` is `undefined`. Two arrays or objects are
/// never equal: each member of a parsed token is its own object.
pub(crate) fn loose_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    let nullish = |v: Option<&Value>| matches!(v, None | Some(Value::Null));
    if nullish(a) || nullish(b) {
        return nullish(a) && nullish(b);
    }
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Array(_) | Value::Object(_), Value::Array(_) | Value::Object(_)) => false,
        (Value::Bool(x), other) => loose_eq(Some(&Value::from(u8::from(*x))), Some(other)),
        (other, Value::Bool(y)) => loose_eq(Some(other), Some(&Value::from(u8::from(*y)))),
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => {
            n.as_f64() == Some(string_to_number(s))
        }
        (o @ (Value::Array(_) | Value::Object(_)), prim)
        | (prim, o @ (Value::Array(_) | Value::Object(_))) => {
            loose_eq(Some(&Value::String(to_string(o))), Some(prim))
        }
        _ => false,
    }
}

/// The largest time a JavaScript `Date` holds, in milliseconds.
const MAX_DATE_MS: f64 = 8.64e15;

/// `new Date() > new Date(exp * 1000)` with the check time `now` (seconds): `exp` is converted
/// with `ToNumber`, so `null`, `false`, `""` and `[]` are 1970, and an `exp` that is no number or
/// beyond the dates JavaScript holds is never "expired". A check time in the very second `exp`
/// names counts as expired (the server's clock is past the second's start).
pub(crate) fn expired(exp: Option<&Value>, now: u64) -> bool {
    let ms = to_number(exp) * 1000.0;
    if !ms.is_finite() || ms.abs() > MAX_DATE_MS {
        return false;
    }
    let now_ms = now as f64 * 1000.0;
    now_ms >= ms.trunc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn loose_equality_as_javascript() {
        let eq = |a: Value, b: Value| loose_eq(Some(&a), Some(&b));
        assert!(eq(json!(5), json!("5")));
        assert!(eq(json!(["RS512"]), json!("RS512")));
        assert!(eq(json!(true), json!("1")));
        assert!(eq(json!(null), json!(null)));
        assert!(loose_eq(None, Some(&json!(null))));
        assert!(!eq(json!({}), json!({})));
        assert!(!eq(json!([1]), json!([1])));
        assert!(eq(json!([1, 2]), json!("1,2")));
        assert!(eq(json!([]), json!(0)));
        assert!(!eq(json!(null), json!(0)));
        assert!(eq(json!(" 12 "), json!(12)));
        assert!(eq(json!("0x10"), json!(16)));
        assert!(!eq(json!("inf"), json!("Infinity")));
    }

    #[test]
    fn numbers_as_javascript_prints_them() {
        assert_eq!(number_to_string(1e21), "1e+21");
        assert_eq!(number_to_string(123.0), "123");
        assert_eq!(number_to_string(0.5), "0.5");
        assert_eq!(number_to_string(1e-7), "1e-7");
        assert_eq!(string_to_number(""), 0.0);
        assert!(string_to_number("1_000").is_nan());
        assert_eq!(string_to_number("1e3"), 1000.0);
    }

    #[test]
    fn exp_of_any_type_against_the_date() {
        let now = 1_790_000_000;
        for (exp, is_expired) in [
            (json!(0), true),
            (json!(null), true),
            (json!(false), true),
            (json!(""), true),
            (json!([]), true),
            (json!("123"), true),
            (json!("abc"), false),
            (json!({}), false),
            (json!(now + 60), false),
            (json!(now), true),
            (json!(1e300), false),
        ] {
            assert_eq!(expired(Some(&exp), now), is_expired, "{exp}");
        }
        assert!(!expired(None, now));
    }
}
