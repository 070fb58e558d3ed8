//! Typed values of function problems: the language-neutral type grammar, the
//! signature, and the JSON encoding arguments and results travel in.
//!
//! # Types
//! `int` (signed 64-bit), `float` (IEEE-754 double), `bool`, `str` (UTF-8) and
//! `list[T]` for any type `T`, nested to any depth.
//!
//! # JSON encoding ("typed JSON", documented in `docs/values.md`)
//! - `int`: a JSON integer without fraction or exponent (`4`, not `4.0`);
//! - `float`: a JSON number (`4.0`, `1e-05`, and an integer literal is read as a
//!   float where a float is declared); the non-finite values, which JSON lacks,
//!   are the objects `{"$float": "inf"}`, `{"$float": "-inf"}` and
//!   `{"$float": "nan"}`, so they can never be confused with a string;
//! - `bool`: `true` / `false`; `str`: a JSON string; `list[T]`: a JSON array.
//!
//! Decoding is type-directed and strict: `true` is not an `int`, `4.0` is not
//! an `int`, a string is not a list.

use serde_json::Value as Json;
use std::fmt;

/// A language-neutral parameter or return type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    /// Signed 64-bit integer (`long long` in C++, `int` in Python).
    Int,
    /// Double-precision float (`double`, `float`).
    Float,
    /// Boolean (`bool`).
    Bool,
    /// UTF-8 string (`std::string`, `str`).
    Str,
    /// A list of values of one type (`std::vector<T>`, `list`).
    List(Box<Type>),
}

impl Type {
    /// Parse a type as written in signatures: `int`, `float`, `bool`, `str`,
    /// `list[T]` (also `List[T]`). Errors name what was expected.
    pub fn parse(s: &str) -> Result<Type, String> {
        let s = s.trim();
        match s {
            "int" => return Ok(Type::Int),
            "float" => return Ok(Type::Float),
            "bool" => return Ok(Type::Bool),
            "str" => return Ok(Type::Str),
            _ => {}
        }
        for prefix in ["list[", "List["] {
            if let Some(inner) = s.strip_prefix(prefix).and_then(|r| r.strip_suffix(']')) {
                return Ok(Type::List(Box::new(Type::parse(inner)?)));
            }
        }
        Err(format!("unknown type `{s}`: expected int, float, bool, str or list[T]"))
    }

    /// The C++ spelling: `int` → `long long`, `float` → `double`, `bool` → `bool`,
    /// `str` → `std::string`, `list[T]` → `std::vector<T>`.
    pub fn cpp(&self) -> String {
        match self {
            Type::Int => "long long".into(),
            Type::Float => "double".into(),
            Type::Bool => "bool".into(),
            Type::Str => "std::string".into(),
            Type::List(t) => format!("std::vector<{}>", t.cpp()),
        }
    }

    /// The Python annotation: `int`, `float`, `bool`, `str`, `list[T]`.
    pub fn python(&self) -> String {
        self.to_string()
    }

    /// A JSON description of the type used by the drivers: `"int"`, ...,
    /// `["list", inner]`.
    pub fn to_json(&self) -> Json {
        match self {
            Type::List(t) => Json::Array(vec![Json::from("list"), t.to_json()]),
            other => Json::from(other.to_string()),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int => f.write_str("int"),
            Type::Float => f.write_str("float"),
            Type::Bool => f.write_str("bool"),
            Type::Str => f.write_str("str"),
            Type::List(t) => write!(f, "list[{t}]"),
        }
    }
}

/// A function signature: `name(p1: T1, p2: T2) -> R`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The function's name, a valid identifier in Python and C++.
    pub name: String,
    /// Parameters in order: (name, type).
    pub params: Vec<(String, Type)>,
    /// The return type.
    pub returns: Type,
}

impl Signature {
    /// Parse `name(a: list[int], b: int) -> int`. A leading `def ` is allowed.
    pub fn parse(s: &str) -> Result<Signature, String> {
        let s = s.trim();
        let s = s.strip_prefix("def ").unwrap_or(s).trim();
        let open = s.find('(').ok_or("expected `name(params) -> type`: no `(`")?;
        let close = s.rfind(')').ok_or("expected `name(params) -> type`: no `)`")?;
        let name = s[..open].trim().to_string();
        if !is_identifier(&name) {
            return Err(format!("`{name}` is not a valid function name"));
        }
        let rest = s[close + 1..].trim();
        let ret = rest
            .strip_prefix("->")
            .ok_or("expected `-> type` after the parameter list")?
            .trim()
            .trim_end_matches(':');
        let returns = Type::parse(ret)?;
        if RESERVED.contains(&name.as_str()) {
            return Err(format!("`{name}` cannot be a function name: it is reserved in Python or C++ (or is `main`)"));
        }
        let mut params: Vec<(String, Type)> = Vec::new();
        for part in split_top_level(&s[open + 1..close]) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (pname, pty) = part
                .split_once(':')
                .ok_or_else(|| format!("parameter `{part}` has no type: expected `name: type`"))?;
            let pname = pname.trim().to_string();
            if !is_identifier(&pname) {
                return Err(format!("`{pname}` is not a valid parameter name"));
            }
            if RESERVED.contains(&pname.as_str()) {
                return Err(format!("`{pname}` cannot be a parameter name: it is reserved in Python or C++"));
            }
            if params.iter().any(|(n, _)| *n == pname) {
                return Err(format!("parameter `{pname}` is declared twice"));
            }
            params.push((pname, Type::parse(pty)?));
        }
        Ok(Signature { name, params, returns })
    }

    /// The Python spelling: `def f(a: list[int], b: int) -> int`.
    pub fn python(&self) -> String {
        let ps: Vec<String> = self.params.iter().map(|(n, t)| format!("{n}: {}", t.python())).collect();
        format!("def {}({}) -> {}", self.name, ps.join(", "), self.returns.python())
    }

    /// The C++ spelling: `long long f(std::vector<long long> a, long long b)`.
    /// Parameters may equally be taken by `const&` or `&`.
    pub fn cpp(&self) -> String {
        let ps: Vec<String> = self.params.iter().map(|(n, t)| format!("{} {n}", t.cpp())).collect();
        format!("{} {}({})", self.returns.cpp(), self.name, ps.join(", "))
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ps: Vec<String> = self.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        write!(f, "{}({}) -> {}", self.name, ps.join(", "), self.returns)
    }
}

/// Names a signature cannot use: Python and C++ keywords, the names the
/// drivers use, and `main`.
const RESERVED: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "main", "alignas", "alignof", "and_eq",
    "asm", "auto", "bitand", "bitor", "bool", "case", "catch", "char", "char8_t", "char16_t", "char32_t", "compl",
    "concept", "const", "consteval", "constexpr", "constinit", "const_cast", "co_await", "co_return", "co_yield",
    "decltype", "default", "delete", "do", "double", "dynamic_cast", "enum", "explicit", "export", "extern",
    "false", "float", "friend", "goto", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not_eq",
    "nullptr", "operator", "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires",
    "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template", "this",
    "thread_local", "throw", "true", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual",
    "void", "volatile", "wchar_t", "xor", "xor_eq", "std", "judge", "judge_call", "in", "result",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Split at the commas outside brackets (`[...]`, `(...)`): the parameters
/// of a signature, the arguments of a type.
pub(crate) fn split_top_level(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// A value of some [`Type`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An `int`.
    Int(i64),
    /// A `float` (may be non-finite).
    Float(f64),
    /// A `bool`.
    Bool(bool),
    /// A `str`.
    Str(String),
    /// A `list[T]`.
    List(Vec<Value>),
}

/// A value that does not have its declared type; `path` locates it (`[2][0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// Where in the value: empty for the root, `[i]` per list level.
    pub path: String,
    /// The declared type at that place.
    pub expected: String,
    /// What was found, e.g. `bool true` or `float 4.0`.
    pub found: String,
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "expected {}, got {}", self.expected, self.found)
        } else {
            write!(f, "at {}: expected {}, got {}", self.path, self.expected, self.found)
        }
    }
}

impl std::error::Error for TypeError {}

/// Describe a JSON value by its kind for error messages (`bool true`, `str "12"`).
pub fn describe_json(j: &Json) -> String {
    let text = truncate(&j.to_string(), 60);
    match j {
        Json::Null => "null".into(),
        Json::Bool(_) => format!("bool {text}"),
        Json::Number(n) if !is_integer_literal(n) => format!("float {text}"),
        Json::Number(n) if n.as_i64().is_none() => format!("int {text} (out of the signed 64-bit range)"),
        Json::Number(_) => format!("int {text}"),
        Json::String(_) => format!("str {text}"),
        Json::Array(_) => format!("list {text}"),
        Json::Object(o) => match nonfinite(o) {
            Some(f) => format!("float {}", fmt_float(f)),
            None => format!("object {text}"),
        },
    }
}

/// Whether a JSON number was written as an integer (no fraction, no exponent).
fn is_integer_literal(n: &serde_json::Number) -> bool {
    !n.to_string().contains(['.', 'e', 'E'])
}

fn nonfinite(o: &serde_json::Map<String, Json>) -> Option<f64> {
    if o.len() != 1 {
        return None;
    }
    match o.get("$float")?.as_str()? {
        "inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a UTF-8
/// character boundary.
pub fn prefix_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn truncate(s: &str, max: usize) -> String {
    let head = prefix_at_char_boundary(s, max);
    if head.len() == s.len() {
        s.to_string()
    } else {
        format!("{head}…")
    }
}

/// Format a float the way Python's `repr` does for common values (`4.0`, `inf`, `nan`).
pub fn fmt_float(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf".into() } else { "-inf".into() }
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

impl Value {
    /// Decode typed JSON against a declared type (see the module docs).
    ///
    /// `lenient_numbers` accepts an integer literal where a float is declared
    /// (used for case files written by problem authors and for results, since
    /// `2` is a fine spelling of the float 2); an `int` never accepts a float.
    pub fn from_json(j: &Json, ty: &Type) -> Result<Value, TypeError> {
        Self::decode(j, ty, &mut String::new())
    }

    fn decode(j: &Json, ty: &Type, path: &mut String) -> Result<Value, TypeError> {
        let err = |path: &String| TypeError { path: path.clone(), expected: ty.to_string(), found: describe_json(j) };
        match (ty, j) {
            (Type::Int, Json::Number(n)) if is_integer_literal(n) => match n.as_i64() {
                Some(i) => Ok(Value::Int(i)),
                None => Err(TypeError {
                    path: path.clone(),
                    expected: "int (signed 64-bit)".into(),
                    found: format!("int {} (out of range)", truncate(&n.to_string(), 40)),
                }),
            },
            (Type::Float, Json::Number(n)) => Ok(Value::Float(n.as_f64().ok_or_else(|| err(path))?)),
            (Type::Float, Json::Object(o)) => nonfinite(o).map(Value::Float).ok_or_else(|| err(path)),
            (Type::Bool, Json::Bool(b)) => Ok(Value::Bool(*b)),
            (Type::Str, Json::String(s)) => Ok(Value::Str(s.clone())),
            (Type::List(inner), Json::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    let _ = fmt::Write::write_fmt(path, format_args!("[{i}]"));
                    out.push(Self::decode(item, inner, path)?);
                    path.truncate(len);
                }
                Ok(Value::List(out))
            }
            _ => Err(err(path)),
        }
    }

    /// Encode as typed JSON (non-finite floats as `{"$float": ...}`).
    pub fn to_json(&self) -> Json {
        match self {
            Value::Int(i) => Json::from(*i),
            Value::Float(f) if f.is_finite() => Json::from(*f),
            Value::Float(f) => serde_json::json!({ "$float": fmt_float(*f) }),
            Value::Bool(b) => Json::from(*b),
            Value::Str(s) => Json::from(s.as_str()),
            Value::List(v) => Json::Array(v.iter().map(Value::to_json).collect()),
        }
    }

    /// A Python-like rendering for reports (`[1, 2, 3]`, `'abc'`, `True`, `4.0`).
    pub fn render(&self) -> String {
        self.render_clipped(usize::MAX)
    }

    /// [`Value::render`] cut after about `max` bytes (on a character
    /// boundary) with `… [more]` appended: the work and memory are bounded
    /// by `max`, not by the value's size.
    pub fn render_clipped(&self, max: usize) -> String {
        let mut s = String::new();
        if !self.render_into(&mut s, max) {
            let head = prefix_at_char_boundary(&s, max).len();
            s.truncate(head);
            s.push_str("… [more]");
        }
        s
    }

    /// Append the rendering; false once `s` has passed `max` bytes (stopped early).
    fn render_into(&self, s: &mut String, max: usize) -> bool {
        match self {
            Value::Int(i) => s.push_str(&i.to_string()),
            Value::Float(f) => s.push_str(&fmt_float(*f)),
            Value::Bool(true) => s.push_str("True"),
            Value::Bool(false) => s.push_str("False"),
            Value::Str(v) => {
                let shown = if v.len() > max { prefix_at_char_boundary(v, max) } else { v };
                s.push_str(&serde_json::to_string(shown).unwrap_or_default());
            }
            Value::List(items) => {
                s.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    if s.len() > max || !item.render_into(s, max) {
                        return false;
                    }
                }
                s.push(']');
            }
        }
        s.len() <= max
    }
}

/// Decode JSON *text* against a declared type without building a JSON tree:
/// the result channel's value, which the solution controls.
///
/// Same rules as [`Value::from_json`] (an `int` is an integer literal in the
/// signed 64-bit range, a `float` any number or `{"$float": "inf"|"-inf"|"nan"}`,
/// strings decoded with JSON escapes). Memory is proportional to the input
/// (one [`Value`] per element, no intermediate tree) and recursion is bounded
/// by the depth of the declared type, not of the input: nesting deeper than
/// the type is a type error found without descending into it.
///
/// The text should be one JSON value (surrounding whitespace allowed);
/// anything else is a [`TypeError`] whose `found` says `malformed JSON`.
pub fn from_json_text(text: &str, ty: &Type) -> Result<Value, TypeError> {
    let mut p = TextDecoder { s: text.as_bytes(), text, i: 0, path: String::new() };
    let v = p.value(ty)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.malformed("trailing data after the value"));
    }
    Ok(v)
}

struct TextDecoder<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    path: String,
}

impl TextDecoder<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn malformed(&self, why: &str) -> TypeError {
        TypeError { path: self.path.clone(), expected: "JSON".into(), found: format!("malformed JSON ({why})") }
    }

    /// A type error at the current position: the kind of value found there and a short preview.
    fn mismatch(&self, ty: &Type) -> TypeError {
        let rest = &self.text[self.i..];
        let first_line = rest.split(['\n', '\r']).next().unwrap_or("");
        let (kind, preview) = match self.s.get(self.i) {
            Some(b'n') => ("null", "null".to_string()),
            Some(b't') => ("bool", "true".to_string()),
            Some(b'f') => ("bool", "false".to_string()),
            Some(b'"') => ("str", truncate(first_line, 40)),
            Some(b'[') => ("list", truncate(first_line, 40)),
            Some(b'{') if prefix_at_char_boundary(rest, 64).replace(char::is_whitespace, "").starts_with("{\"$float\":") => {
                ("float", truncate(first_line, 40))
            }
            Some(b'{') => ("object", truncate(first_line, 40)),
            Some(b'-' | b'0'..=b'9') => {
                let tok = self.number_token();
                (if tok.contains(['.', 'e', 'E']) { "float" } else { "int" }, truncate(tok, 40))
            }
            _ => return self.malformed("unexpected character"),
        };
        TypeError { path: self.path.clone(), expected: ty.to_string(), found: format!("{kind} {preview}") }
    }

    fn number_token(&self) -> &str {
        let start = self.i;
        let mut j = start;
        while j < self.s.len() && matches!(self.s[j], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
            j += 1;
        }
        &self.text[start..j]
    }

    /// The JSON string token at the current position, decoded; advances past it.
    fn string(&mut self) -> Result<String, TypeError> {
        let start = self.i;
        let mut j = start + 1;
        loop {
            match self.s.get(j) {
                None => return Err(self.malformed("unterminated string")),
                Some(b'\\') => j += 2,
                Some(b'"') => break,
                Some(_) => j += 1,
            }
        }
        let tok = &self.text[start..=j];
        let decoded: String = serde_json::from_str(tok).map_err(|_| self.malformed("bad string"))?;
        self.i = j + 1;
        Ok(decoded)
    }

    fn literal(&mut self, word: &str) -> bool {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, ty: &Type) -> Result<Value, TypeError> {
        self.ws();
        let Some(&c) = self.s.get(self.i) else { return Err(self.malformed("no value")) };
        match ty {
            Type::Int if matches!(c, b'-' | b'0'..=b'9') => {
                let tok = self.number_token();
                if tok.contains(['.', 'e', 'E']) {
                    return Err(self.mismatch(ty));
                }
                match tok.parse::<i64>() {
                    Ok(v) => {
                        self.i += tok.len();
                        Ok(Value::Int(v))
                    }
                    Err(_) if tok.len() > 1 && tok.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) => {
                        Err(TypeError {
                            path: self.path.clone(),
                            expected: "int (signed 64-bit)".into(),
                            found: format!("int {} (out of range)", truncate(tok, 40)),
                        })
                    }
                    Err(_) => Err(self.malformed("bad number")),
                }
            }
            Type::Float if matches!(c, b'-' | b'0'..=b'9') => {
                let tok = self.number_token();
                let v: f64 = tok.parse().map_err(|_| self.malformed("bad number"))?;
                self.i += tok.len();
                Ok(Value::Float(v))
            }
            Type::Float if c == b'{' => {
                let save = self.i;
                self.i += 1;
                self.ws();
                let key = if self.s.get(self.i) == Some(&b'"') { Some(self.string()?) } else { None };
                self.ws();
                if key.as_deref() == Some("$float") && self.s.get(self.i) == Some(&b':') {
                    self.i += 1;
                    self.ws();
                    if self.s.get(self.i) == Some(&b'"') {
                        let v = self.string()?;
                        self.ws();
                        let f = match v.as_str() {
                            "inf" => Some(f64::INFINITY),
                            "-inf" => Some(f64::NEG_INFINITY),
                            "nan" => Some(f64::NAN),
                            _ => None,
                        };
                        if let (Some(f), Some(b'}')) = (f, self.s.get(self.i)) {
                            self.i += 1;
                            return Ok(Value::Float(f));
                        }
                    }
                }
                self.i = save;
                Err(self.mismatch(ty))
            }
            Type::Bool if c == b't' || c == b'f' => {
                if self.literal("true") {
                    Ok(Value::Bool(true))
                } else if self.literal("false") {
                    Ok(Value::Bool(false))
                } else {
                    Err(self.malformed("bad literal"))
                }
            }
            Type::Str if c == b'"' => Ok(Value::Str(self.string()?)),
            Type::List(inner) if c == b'[' => {
                self.i += 1;
                let mut out = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Value::List(out));
                }
                loop {
                    let len = self.path.len();
                    let _ = fmt::Write::write_fmt(&mut self.path, format_args!("[{}]", out.len()));
                    out.push(self.value(inner)?);
                    self.path.truncate(len);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Value::List(out));
                        }
                        _ => return Err(self.malformed("expected `,` or `]` in a list")),
                    }
                }
            }
            _ => Err(self.mismatch(ty)),
        }
    }
}

/// The kind of value a [`TypeError`]'s `found` names (`int`, `float`, `bool`,
/// `str`, `list`, `null`, `object`, or `malformed` JSON): a closed vocabulary,
/// safe to show for a hidden case.
pub fn found_kind(found: &str) -> &'static str {
    const KINDS: [&str; 7] = ["int", "float", "bool", "str", "list", "null", "object"];
    let first = found.split_whitespace().next().unwrap_or("");
    KINDS.iter().find(|k| **k == first).copied().unwrap_or(if first == "malformed" { "malformed JSON" } else { "another type" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_signatures() {
        let s = Signature::parse("longest_clean_span(tokens: list[int], banned: list[int]) -> int").unwrap();
        assert_eq!(s.name, "longest_clean_span");
        assert_eq!(s.params[1].1, Type::List(Box::new(Type::Int)));
        assert_eq!(s.cpp(), "long long longest_clean_span(std::vector<long long> tokens, std::vector<long long> banned)");
        assert_eq!(s.python(), "def longest_clean_span(tokens: list[int], banned: list[int]) -> int");
        let s = Signature::parse("def f(g: list[list[float]], s: str) -> list[bool]").unwrap();
        assert_eq!(s.params[0].1.cpp(), "std::vector<std::vector<double>>");
        assert!(Signature::parse("f(a: tuple) -> int").unwrap_err().contains("tuple"));
        assert!(Signature::parse("f(a) -> int").is_err());
        assert!(Signature::parse("1f() -> int").is_err());
        assert!(Signature::parse("class(x: int) -> int").unwrap_err().contains("reserved"));
        assert!(Signature::parse("main(x: int) -> int").unwrap_err().contains("reserved"));
        assert!(Signature::parse("f(x: int, x: int) -> int").unwrap_err().contains("twice"));
    }

    #[test]
    fn decoding_is_strict() {
        let li = Type::List(Box::new(Type::Int));
        assert_eq!(Value::from_json(&json!([1, 2]), &li).unwrap(), Value::List(vec![Value::Int(1), Value::Int(2)]));
        let e = Value::from_json(&json!([true, 2]), &li).unwrap_err();
        assert_eq!(e.to_string(), "at [0]: expected int, got bool true");
        let e = Value::from_json(&json!([1, 4.0]), &li).unwrap_err();
        assert_eq!(e.to_string(), "at [1]: expected int, got float 4.0");
        assert!(Value::from_json(&json!("1234"), &li).is_err());
        assert!(Value::from_json(&json!(1), &Type::Bool).is_err());
        assert_eq!(Value::from_json(&json!(2), &Type::Float).unwrap(), Value::Float(2.0));
        assert!(Value::from_json(&json!(18446744073709551615u64), &Type::Int).unwrap_err().found.contains("out of range"));
        let big: serde_json::Value = serde_json::from_str("1180591620717411303424").unwrap();
        assert!(Value::from_json(&big, &Type::Int).unwrap_err().found.contains("out of range"));
        let neg: serde_json::Value = serde_json::from_str("-9223372036854775809").unwrap();
        assert!(Value::from_json(&neg, &Type::Int).unwrap_err().found.contains("out of range"));
        let f: serde_json::Value = serde_json::from_str("1e3").unwrap();
        assert!(Value::from_json(&f, &Type::Int).unwrap_err().found.starts_with("float"));
    }

    #[test]
    fn non_finite_floats_round_trip() {
        for f in [f64::INFINITY, f64::NEG_INFINITY] {
            let j = Value::Float(f).to_json();
            assert_eq!(Value::from_json(&j, &Type::Float).unwrap(), Value::Float(f));
        }
        let j = Value::Float(f64::NAN).to_json();
        assert_eq!(j, json!({"$float": "nan"}));
        assert!(matches!(Value::from_json(&j, &Type::Float).unwrap(), Value::Float(f) if f.is_nan()));
        // A string is never a float, even if it spells one.
        assert!(Value::from_json(&json!("inf"), &Type::Float).is_err());
        assert!(Value::from_json(&json!({"$float": "huge"}), &Type::Float).is_err());
    }

    #[test]
    fn text_decoding_matches_tree_decoding() {
        let li = Type::List(Box::new(Type::Int));
        let lf = Type::List(Box::new(Type::Float));
        assert_eq!(from_json_text(" [1, -2] ", &li).unwrap(), Value::List(vec![Value::Int(1), Value::Int(-2)]));
        let e = from_json_text("[true, 2]", &li).unwrap_err();
        assert_eq!((e.path.as_str(), found_kind(&e.found)), ("[0]", "bool"));
        let e = from_json_text("[1, 4.0]", &li).unwrap_err();
        assert_eq!(e.to_string(), "at [1]: expected int, got float 4.0");
        assert!(from_json_text("18446744073709551615", &Type::Int).unwrap_err().found.contains("out of range"));
        assert_eq!(from_json_text("2", &Type::Float).unwrap(), Value::Float(2.0));
        assert_eq!(from_json_text("[{\"$float\": \"-inf\"}, 1e3]", &lf).unwrap(), Value::List(vec![Value::Float(f64::NEG_INFINITY), Value::Float(1000.0)]));
        assert_eq!(found_kind(&from_json_text("{\"$float\": \"x\"}", &Type::Float).unwrap_err().found), "float");
        assert_eq!(found_kind(&from_json_text("{\"$type\": \"Foo\"}", &Type::Int).unwrap_err().found), "object");
        assert_eq!(from_json_text("\"a\\u00e9\\n\"", &Type::Str).unwrap(), Value::Str("aé\n".into()));
        assert!(from_json_text("[1, 2", &li).is_err());
        assert!(from_json_text("[1] x", &li).is_err());
        // Nesting deeper than the type is found without descending into it.
        let deep = "[".repeat(1_000_000);
        assert_eq!(found_kind(&from_json_text(&deep, &Type::List(Box::new(Type::Int))).unwrap_err().found), "list");
    }

    #[test]
    fn renders_like_python() {
        let v = Value::List(vec![Value::Bool(true), Value::Float(4.0), Value::Str("a".into())]);
        assert_eq!(v.render(), "[True, 4.0, \"a\"]");
        let long = Value::List(vec![Value::Int(12345); 1_000_000]);
        let r = long.render_clipped(20);
        assert!(r.starts_with("[12345, 12345, 1234") && r.ends_with("… [more]") && r.len() < 40, "{r}");
    }
}
