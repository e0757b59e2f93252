//! Model paths: JSON-Pointer-like addresses of values (`/files/2/delegations/0`), as
//! diagnostics, the form definitions, diff and render use them.

use serde_json::Value;

/// The value at a dotted path (`basic_risk.delegation.answer`) below `value`.
pub fn get<'v>(value: &'v Value, dotted: &str) -> &'v Value {
    dotted
        .split('.')
        .filter(|s| !s.is_empty())
        .fold(value, |v, seg| match v {
            Value::Object(m) => m.get(seg).unwrap_or(&Value::Null),
            Value::Array(a) => seg
                .parse::<usize>()
                .ok()
                .and_then(|i| a.get(i))
                .unwrap_or(&Value::Null),
            _ => &Value::Null,
        })
}

/// Whether a value counts as "not filled in" on a form.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.values().all(is_empty),
        Value::Number(_) => false,
    }
}

/// A model path (`/a/b/0`) joined with a dotted relative path (`c.d`).
pub fn join(prefix: &str, dotted: &str) -> String {
    let mut out = prefix.to_string();
    for seg in dotted.split('.').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(seg);
    }
    out
}
