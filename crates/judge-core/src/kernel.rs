//! Kernel problems (`kind = "cuda"`): the signature of the user's
//! `extern "C" void solve(...)`, its C declaration, the evaluation of buffer
//! lengths, and a case's inputs (`.in`, a JSON object) decoded against it and
//! materialised into the binary input blob the drivers read on stdin.
//!
//! # Signature grammar (`docs/drivers.md`, CUDA section)
//! ```text
//! NAME(P, P, ...)                  no return value
//! P      = name: DIR T[EXPR]       a device buffer; DIR in|out|inout, T f32|f64|i32|i64
//!        | name: T                 a scalar; T i32|i64|f32|f64
//! EXPR   = integer literals, integer scalar names, + - *, parentheses
//! ```
//! A length is evaluated in `i64` with overflow checks and must be `>= 0`.
//!
//! # Case inputs
//! One JSON object: every scalar (a number) and every `in`/`inout` buffer,
//! nothing else. A buffer is a JSON array of exactly the evaluated length, or
//! a generator object (see [`BufferSource`]). Generators are materialised by
//! the judge ([`KernelInput::blob`]) so that the CPU reference and the GPU run
//! see identical bytes.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt;

/// Largest total size of a case's buffers (inputs and outputs), bytes: 512 MiB.
pub const MAX_BUFFER_BYTES: u64 = 512 << 20;

/// Magic bytes opening an input blob.
pub const BLOB_MAGIC: &[u8; 8] = b"JKBLOB01";

/// The element type of a buffer, or the type of a scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElemType {
    /// 32-bit IEEE float (`float`).
    F32,
    /// 64-bit IEEE float (`double`).
    F64,
    /// 32-bit signed integer (`int`).
    I32,
    /// 64-bit signed integer (`long long`).
    I64,
}

impl ElemType {
    fn parse(s: &str) -> Option<ElemType> {
        Some(match s {
            "f32" => ElemType::F32,
            "f64" => ElemType::F64,
            "i32" => ElemType::I32,
            "i64" => ElemType::I64,
            _ => return None,
        })
    }

    /// Size of one element, bytes.
    pub fn size(self) -> u64 {
        match self {
            ElemType::F32 | ElemType::I32 => 4,
            ElemType::F64 | ElemType::I64 => 8,
        }
    }

    /// The C type (`float`, `double`, `int`, `long long`).
    pub fn c_type(self) -> &'static str {
        match self {
            ElemType::F32 => "float",
            ElemType::F64 => "double",
            ElemType::I32 => "int",
            ElemType::I64 => "long long",
        }
    }

    /// The signature's name (`f32`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ElemType::F32 => "f32",
            ElemType::F64 => "f64",
            ElemType::I32 => "i32",
            ElemType::I64 => "i64",
        }
    }

    /// Whether this is a floating-point type.
    pub fn is_float(self) -> bool {
        matches!(self, ElemType::F32 | ElemType::F64)
    }
}

impl fmt::Display for ElemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How `solve` uses a buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Read only (`const T*`); its data comes from the case.
    In,
    /// Written by `solve` (`T*`); starts as poison, compared afterwards.
    Out,
    /// Read and written (`T*`); data from the case, compared afterwards.
    InOut,
}

impl Direction {
    /// Whether the case supplies its data.
    pub fn is_input(self) -> bool {
        matches!(self, Direction::In | Direction::InOut)
    }

    /// Whether it is compared after the call.
    pub fn is_output(self) -> bool {
        matches!(self, Direction::Out | Direction::InOut)
    }

    fn name(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
            Direction::InOut => "inout",
        }
    }
}

/// A buffer length: an integer expression over the integer scalars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LenExpr {
    /// An integer literal.
    Lit(i64),
    /// An integer scalar's name.
    Var(String),
    /// `a + b`.
    Add(Box<LenExpr>, Box<LenExpr>),
    /// `a - b`.
    Sub(Box<LenExpr>, Box<LenExpr>),
    /// `a * b`.
    Mul(Box<LenExpr>, Box<LenExpr>),
}

impl LenExpr {
    /// Evaluate with `lookup` giving each name's value; `None` on overflow
    /// (the caller says where) or an unknown name.
    fn eval(&self, lookup: &dyn Fn(&str) -> Option<i64>) -> Result<i64, String> {
        Ok(match self {
            LenExpr::Lit(v) => *v,
            LenExpr::Var(n) => lookup(n).ok_or_else(|| format!("`{n}` has no integer value"))?,
            LenExpr::Add(a, b) => a.eval(lookup)?.checked_add(b.eval(lookup)?).ok_or("overflows i64 (in +)")?,
            LenExpr::Sub(a, b) => a.eval(lookup)?.checked_sub(b.eval(lookup)?).ok_or("overflows i64 (in -)")?,
            LenExpr::Mul(a, b) => a.eval(lookup)?.checked_mul(b.eval(lookup)?).ok_or("overflows i64 (in *)")?,
        })
    }

    fn names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            LenExpr::Lit(_) => {}
            LenExpr::Var(n) => out.push(n),
            LenExpr::Add(a, b) | LenExpr::Sub(a, b) | LenExpr::Mul(a, b) => {
                a.names(out);
                b.names(out);
            }
        }
    }
}

impl fmt::Display for LenExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LenExpr::Lit(v) => write!(f, "{v}"),
            LenExpr::Var(n) => f.write_str(n),
            LenExpr::Add(a, b) => write!(f, "({a} + {b})"),
            LenExpr::Sub(a, b) => write!(f, "({a} - {b})"),
            LenExpr::Mul(a, b) => write!(f, "{a} * {b}"),
        }
    }
}

/// One parameter of `solve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernelParam {
    /// A device buffer of `len` elements.
    Buffer {
        /// Its name (a C identifier).
        name: String,
        /// How `solve` uses it.
        dir: Direction,
        /// Element type.
        elem: ElemType,
        /// Length in elements.
        len: LenExpr,
    },
    /// A scalar passed by value.
    Scalar {
        /// Its name (a C identifier).
        name: String,
        /// Its type.
        ty: ElemType,
    },
}

impl KernelParam {
    /// The parameter's name.
    pub fn name(&self) -> &str {
        match self {
            KernelParam::Buffer { name, .. } | KernelParam::Scalar { name, .. } => name,
        }
    }

    /// Its C parameter type (`const float*`, `float*`, `int`).
    pub fn c_type(&self) -> String {
        match self {
            KernelParam::Buffer { dir: Direction::In, elem, .. } => format!("const {}*", elem.c_type()),
            KernelParam::Buffer { elem, .. } => format!("{}*", elem.c_type()),
            KernelParam::Scalar { ty, .. } => ty.c_type().to_string(),
        }
    }
}

/// A parsed kernel signature: `solve(A: in f32[N], C: out f32[N], N: i32)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelSignature {
    /// The function's name.
    pub name: String,
    /// Parameters in order.
    pub params: Vec<KernelParam>,
}

/// C and C++ keywords (and names the drivers use) that cannot name a parameter.
const RESERVED: &[&str] = &[
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class", "const", "constexpr",
    "continue", "decltype", "default", "delete", "do", "double", "else", "enum", "explicit", "export", "extern", "false",
    "float", "for", "friend", "goto", "if", "inline", "int", "long", "main", "mutable", "namespace", "new", "noexcept",
    "not", "nullptr", "operator", "or", "private", "protected", "public", "register", "return", "short", "signed",
    "sizeof", "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typename", "union",
    "unsigned", "using", "virtual", "void", "volatile", "while", "xor", "std", "judge_kernel",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with("__")
        && s.len() <= 64
}

/// A small recursive-descent parser of length expressions.
struct ExprParser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl ExprParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn expr(&mut self) -> Result<LenExpr, String> {
        let mut lhs = self.term()?;
        loop {
            self.ws();
            match self.s.get(self.i) {
                Some(b'+') => {
                    self.i += 1;
                    lhs = LenExpr::Add(Box::new(lhs), Box::new(self.term()?));
                }
                Some(b'-') => {
                    self.i += 1;
                    lhs = LenExpr::Sub(Box::new(lhs), Box::new(self.term()?));
                }
                _ => return Ok(lhs),
            }
        }
    }

    fn term(&mut self) -> Result<LenExpr, String> {
        let mut lhs = self.atom()?;
        loop {
            self.ws();
            if self.s.get(self.i) == Some(&b'*') {
                self.i += 1;
                lhs = LenExpr::Mul(Box::new(lhs), Box::new(self.atom()?));
            } else {
                return Ok(lhs);
            }
        }
    }

    fn atom(&mut self) -> Result<LenExpr, String> {
        self.ws();
        let start = self.i;
        match self.s.get(self.i) {
            Some(b'(') => {
                self.depth += 1;
                if self.depth > 32 {
                    return Err("expression nested too deeply".into());
                }
                self.i += 1;
                let e = self.expr()?;
                self.ws();
                if self.s.get(self.i) != Some(&b')') {
                    return Err("expected `)`".into());
                }
                self.i += 1;
                self.depth -= 1;
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() => {
                while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                text.parse::<i64>().map(LenExpr::Lit).map_err(|_| format!("integer literal `{text}` does not fit in i64"))
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                while self.i < self.s.len() && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_') {
                    self.i += 1;
                }
                Ok(LenExpr::Var(String::from_utf8_lossy(&self.s[start..self.i]).into_owned()))
            }
            Some(c) => Err(format!("unexpected `{}` (expected a number, a name or `(`)", *c as char)),
            None => Err("expected a number, a name or `(`, found the end".into()),
        }
    }
}


impl KernelSignature {
    /// Parse a signature; the error says which parameter and what was expected.
    pub fn parse(text: &str) -> Result<KernelSignature, String> {
        let text = text.trim();
        let open = text.find('(').ok_or("expected `NAME(PARAM, ...)`")?;
        let name = text[..open].trim();
        if !is_identifier(name) || RESERVED.contains(&name) {
            return Err(format!("`{name}` is not a valid function name"));
        }
        let rest = &text[open + 1..];
        let close = rest.rfind(')').ok_or("expected `)` closing the parameter list")?;
        let tail = rest[close + 1..].trim();
        if !tail.is_empty() {
            return Err(format!("unexpected `{tail}` after the parameter list (a kernel signature has no return type)"));
        }
        let inner = rest[..close].trim();
        if inner.is_empty() {
            return Err("expected at least one parameter".into());
        }
        let mut params = Vec::new();
        for (i, p) in crate::value::split_top_level(inner).into_iter().enumerate() {
            let p = p.trim();
            let (pname, ty) = p.split_once(':').ok_or_else(|| format!("parameter {}: expected `name: TYPE`, found `{p}`", i + 1))?;
            let pname = pname.trim();
            if !is_identifier(pname) || RESERVED.contains(&pname) || pname == name {
                return Err(format!("parameter {}: `{pname}` is not a valid C parameter name", i + 1));
            }
            if params.iter().any(|q: &KernelParam| q.name() == pname) {
                return Err(format!("parameter `{pname}` is declared twice"));
            }
            let ty = ty.trim();
            let param = if let Some(t) = ElemType::parse(ty) {
                KernelParam::Scalar { name: pname.to_string(), ty: t }
            } else {
                let (dir_s, rest) = ty.split_once(char::is_whitespace).ok_or_else(|| {
                    format!("parameter `{pname}`: expected a scalar type (i32, i64, f32, f64) or `in|out|inout T[LENGTH]`, found `{ty}`")
                })?;
                let dir = match dir_s {
                    "in" => Direction::In,
                    "out" => Direction::Out,
                    "inout" => Direction::InOut,
                    other => return Err(format!("parameter `{pname}`: expected `in`, `out` or `inout`, found `{other}`")),
                };
                let rest = rest.trim();
                let lb = rest.find('[').ok_or_else(|| format!("parameter `{pname}`: expected `T[LENGTH]`, found `{rest}`"))?;
                let elem_s = rest[..lb].trim();
                let elem = ElemType::parse(elem_s)
                    .ok_or_else(|| format!("parameter `{pname}`: unknown element type `{elem_s}` (expected f32, f64, i32 or i64)"))?;
                let len_s = rest[lb + 1..].strip_suffix(']').ok_or_else(|| format!("parameter `{pname}`: expected `]` at the end"))?;
                let mut ep = ExprParser { s: len_s.as_bytes(), i: 0, depth: 0 };
                let len = ep.expr().map_err(|e| format!("parameter `{pname}`: length `{len_s}`: {e}"))?;
                ep.ws();
                if ep.i != len_s.len() {
                    return Err(format!("parameter `{pname}`: length `{len_s}`: unexpected `{}`", &len_s[ep.i..]));
                }
                KernelParam::Buffer { name: pname.to_string(), dir, elem, len }
            };
            params.push(param);
        }
        // Length expressions name integer scalars of this signature only.
        for p in &params {
            if let KernelParam::Buffer { name: bname, len, .. } = p {
                let mut names = Vec::new();
                len.names(&mut names);
                for n in names {
                    match params.iter().find(|q| q.name() == n) {
                        Some(KernelParam::Scalar { ty: ElemType::I32 | ElemType::I64, .. }) => {}
                        Some(_) => return Err(format!("parameter `{bname}`: length uses `{n}`, which is not an integer scalar (i32 or i64)")),
                        None => return Err(format!("parameter `{bname}`: length uses `{n}`, which is not a parameter")),
                    }
                }
            }
        }
        let sig = KernelSignature { name: name.to_string(), params };
        if !sig.buffers().any(|(_, d, _, _)| d.is_output()) {
            return Err("expected at least one `out` or `inout` buffer (the result)".into());
        }
        Ok(sig)
    }

    /// The C declaration the user's file defines:
    /// `extern "C" void solve(const float* A, float* C, int N)`.
    pub fn c_declaration(&self) -> String {
        let params: Vec<String> = self.params.iter().map(|p| format!("{} {}", p.c_type(), p.name())).collect();
        format!("extern \"C\" void {}({})", self.name, params.join(", "))
    }

    /// The function pointer type of `solve`: `void (*)(const float*, int)`.
    pub fn c_pointer_type(&self) -> String {
        let params: Vec<String> = self.params.iter().map(KernelParam::c_type).collect();
        format!("void (*)({})", params.join(", "))
    }

    /// The buffers in order: (name, direction, element type, length).
    pub fn buffers(&self) -> impl Iterator<Item = (&str, Direction, ElemType, &LenExpr)> {
        self.params.iter().filter_map(|p| match p {
            KernelParam::Buffer { name, dir, elem, len } => Some((name.as_str(), *dir, *elem, len)),
            KernelParam::Scalar { .. } => None,
        })
    }

    /// The scalars in order: (name, type).
    pub fn scalars(&self) -> impl Iterator<Item = (&str, ElemType)> {
        self.params.iter().filter_map(|p| match p {
            KernelParam::Scalar { name, ty } => Some((name.as_str(), *ty)),
            KernelParam::Buffer { .. } => None,
        })
    }

    /// Each buffer's length in elements, given the scalars' values (in
    /// signature order). Errors name the buffer: overflow, a negative length.
    pub fn lengths(&self, scalars: &[ScalarValue]) -> Result<Vec<u64>, String> {
        let names: Vec<&str> = self.scalars().map(|(n, _)| n).collect();
        let lookup = |n: &str| -> Option<i64> {
            let i = names.iter().position(|m| *m == n)?;
            match scalars.get(i)? {
                ScalarValue::I32(v) => Some(i64::from(*v)),
                ScalarValue::I64(v) => Some(*v),
                _ => None,
            }
        };
        self.buffers()
            .map(|(name, _, _, len)| {
                let v = len.eval(&lookup).map_err(|e| format!("length of `{name}` ({len}): {e}"))?;
                u64::try_from(v).map_err(|_| format!("length of `{name}` ({len}) is negative: {v}"))
            })
            .collect()
    }
}

impl fmt::Display for KernelSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| match p {
                KernelParam::Buffer { name, dir, elem, len } => format!("{name}: {} {elem}[{len}]", dir.name()),
                KernelParam::Scalar { name, ty } => format!("{name}: {ty}"),
            })
            .collect();
        write!(f, "{}({})", self.name, params.join(", "))
    }
}

/// A scalar's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScalarValue {
    /// `i32`.
    I32(i32),
    /// `i64`.
    I64(i64),
    /// `f32`.
    F32(f32),
    /// `f64`.
    F64(f64),
}

impl ScalarValue {
    fn le_bytes8(self) -> [u8; 8] {
        let mut out = [0u8; 8];
        match self {
            ScalarValue::I32(v) => out[..4].copy_from_slice(&v.to_le_bytes()),
            ScalarValue::F32(v) => out[..4].copy_from_slice(&v.to_le_bytes()),
            ScalarValue::I64(v) => out.copy_from_slice(&v.to_le_bytes()),
            ScalarValue::F64(v) => out.copy_from_slice(&v.to_le_bytes()),
        }
        out
    }
}

impl fmt::Display for ScalarValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScalarValue::I32(v) => write!(f, "{v}"),
            ScalarValue::I64(v) => write!(f, "{v}"),
            ScalarValue::F32(v) => write!(f, "{v:?}"),
            ScalarValue::F64(v) => write!(f, "{v:?}"),
        }
    }
}

/// Where an input buffer's data comes from.
///
/// Generators (`docs/drivers.md`): each buffer with a seed has its own
/// ChaCha8 stream (`rand_chacha::ChaCha8Rng::from_seed` with the 32-byte seed
/// = the seed as u64 little-endian, then 24 zero bytes); `u` below is
/// `(next_u64 >> 11) · 2⁻⁵³`, uniform in [0, 1).
#[derive(Debug, Clone, PartialEq)]
pub enum BufferSource {
    /// A literal JSON array, already encoded little-endian.
    Literal(Vec<u8>),
    /// `{"gen": "uniform", "lo", "hi", "seed"}`: `lo + (hi − lo)·u` computed
    /// in f64 (then rounded to f32 for f32 buffers). Float buffers only.
    Uniform { lo: f64, hi: f64, seed: u64 },
    /// `{"gen": "normal", "mean", "std", "seed"}`: Box–Muller with one value
    /// per pair of draws: `mean + std·√(−2 ln(1 − u₁))·cos(2π u₂)`. Float buffers only.
    Normal { mean: f64, std: f64, seed: u64 },
    /// `{"gen": "randint", "lo", "hi", "seed"}`: integers in [lo, hi]
    /// inclusive, unbiased by rejection (`x = next_u64`, rejected while
    /// `x ≥ 2⁶⁴ − (2⁶⁴ mod span)`, value `lo + x mod span`). Any element type;
    /// bounds must be exact in it (|bound| ≤ 2²⁴ for f32, 2⁵³ for f64).
    RandInt { lo: i64, hi: i64, seed: u64 },
    /// `{"gen": "range"}`: 0, 1, 2, ... (converted to the element type).
    Range,
    /// `{"gen": "fill", "value"}`: every element equal to `value`.
    Fill(ScalarValue),
}

/// A case's inputs decoded against a signature (`.in`), before materialisation.
#[derive(Debug, Clone, PartialEq)]
pub struct KernelInput {
    /// Scalar values in signature order.
    pub scalars: Vec<ScalarValue>,
    /// Every buffer's length in elements, signature order.
    pub lengths: Vec<u64>,
    /// Sources of the `in`/`inout` buffers, in signature order.
    pub sources: Vec<BufferSource>,
}

fn json_i64(v: &serde_json::Value) -> Option<i64> {
    if let Some(i) = v.as_i64() {
        return Some(i);
    }
    // `3.0` is accepted as an integer only when exact.
    let f = v.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15).then_some(f as i64)
}

fn number_to(ty: ElemType, v: &serde_json::Value) -> Result<ScalarValue, String> {
    match ty {
        ElemType::I32 => {
            let i = json_i64(v).ok_or_else(|| format!("expected an integer, found {}", short(v)))?;
            i32::try_from(i).map(ScalarValue::I32).map_err(|_| format!("{i} does not fit in i32"))
        }
        ElemType::I64 => {
            let i = json_i64(v).ok_or_else(|| format!("expected an integer, found {}", short(v)))?;
            Ok(ScalarValue::I64(i))
        }
        ElemType::F32 | ElemType::F64 => {
            let f = v.as_f64().ok_or_else(|| format!("expected a number, found {}", short(v)))?;
            if ty == ElemType::F32 {
                let g = f as f32;
                if g.is_infinite() {
                    return Err(format!("{f} does not fit in f32"));
                }
                Ok(ScalarValue::F32(g))
            } else {
                Ok(ScalarValue::F64(f))
            }
        }
    }
}

fn short(v: &serde_json::Value) -> String {
    let s = v.to_string();
    let head = crate::value::prefix_at_char_boundary(&s, 40);
    if head.len() < s.len() {
        format!("{head}…")
    } else {
        s
    }
}

fn push_scalar(out: &mut Vec<u8>, v: ScalarValue) {
    match v {
        ScalarValue::I32(x) => out.extend_from_slice(&x.to_le_bytes()),
        ScalarValue::I64(x) => out.extend_from_slice(&x.to_le_bytes()),
        ScalarValue::F32(x) => out.extend_from_slice(&x.to_le_bytes()),
        ScalarValue::F64(x) => out.extend_from_slice(&x.to_le_bytes()),
    }
}

/// Read the fields of a generator object, rejecting unknown ones.
fn generator(elem: ElemType, obj: &serde_json::Map<String, serde_json::Value>) -> Result<BufferSource, String> {
    let kind = obj.get("gen").and_then(|g| g.as_str()).ok_or("expected `\"gen\"`: one of uniform, normal, randint, range, fill")?;
    let allowed: &[&str] = match kind {
        "uniform" => &["gen", "lo", "hi", "seed"],
        "normal" => &["gen", "mean", "std", "seed"],
        "randint" => &["gen", "lo", "hi", "seed"],
        "range" => &["gen"],
        "fill" => &["gen", "value"],
        other => return Err(format!("unknown generator `{other}` (expected uniform, normal, randint, range or fill)")),
    };
    if let Some(k) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!("generator `{kind}`: unknown field `{k}` (expected: {})", allowed.join(", ")));
    }
    let need = |k: &str| obj.get(k).ok_or_else(|| format!("generator `{kind}`: missing field `{k}`"));
    let float = |k: &str| -> Result<f64, String> {
        let v = need(k)?;
        v.as_f64().filter(|f| f.is_finite()).ok_or_else(|| format!("generator `{kind}`: field `{k}`: expected a finite number, found {}", short(v)))
    };
    let int = |k: &str| -> Result<i64, String> {
        let v = need(k)?;
        json_i64(v).ok_or_else(|| format!("generator `{kind}`: field `{k}`: expected an integer, found {}", short(v)))
    };
    let seed = || -> Result<u64, String> {
        let v = need("seed")?;
        v.as_u64().ok_or_else(|| format!("generator `{kind}`: field `seed`: expected an integer from 0 to 2^64 - 1, found {}", short(v)))
    };
    let float_only = || -> Result<(), String> {
        if elem.is_float() {
            Ok(())
        } else {
            Err(format!("generator `{kind}` makes floats; this buffer is {elem} (use randint, range or fill)"))
        }
    };
    Ok(match kind {
        "uniform" => {
            float_only()?;
            let (lo, hi) = (float("lo")?, float("hi")?);
            if lo > hi || !(hi - lo).is_finite() {
                return Err(format!("generator `uniform`: expected lo <= hi (finite range), found lo = {lo}, hi = {hi}"));
            }
            BufferSource::Uniform { lo, hi, seed: seed()? }
        }
        "normal" => {
            float_only()?;
            let (mean, std) = (float("mean")?, float("std")?);
            if std < 0.0 {
                return Err(format!("generator `normal`: expected std >= 0, found {std}"));
            }
            BufferSource::Normal { mean, std, seed: seed()? }
        }
        "randint" => {
            let (lo, hi) = (int("lo")?, int("hi")?);
            if lo > hi {
                return Err(format!("generator `randint`: expected lo <= hi, found lo = {lo}, hi = {hi}"));
            }
            let (min, max) = match elem {
                ElemType::I32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
                ElemType::I64 => (i64::MIN, i64::MAX),
                ElemType::F32 => (-(1 << 24), 1 << 24),
                ElemType::F64 => (-(1 << 53), 1 << 53),
            };
            if lo < min || hi > max {
                return Err(format!("generator `randint`: bounds must be exact in {elem} (from {min} to {max}), found lo = {lo}, hi = {hi}"));
            }
            BufferSource::RandInt { lo, hi, seed: seed()? }
        }
        "range" => BufferSource::Range,
        _ => {
            let v = need("value")?;
            BufferSource::Fill(number_to(elem, v).map_err(|e| format!("generator `fill`: field `value`: {e}"))?)
        }
    })
}

fn rng(seed: u64) -> ChaCha8Rng {
    let mut s = [0u8; 32];
    s[..8].copy_from_slice(&seed.to_le_bytes());
    ChaCha8Rng::from_seed(s)
}

fn unit(r: &mut ChaCha8Rng) -> f64 {
    (r.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

impl KernelInput {
    /// Decode a case's `.in` (one JSON object) against `sig`: every scalar
    /// and every `in`/`inout` buffer present, no other key, literal arrays of
    /// exactly the evaluated length and the element type (integers exact),
    /// generator objects well formed; the buffers (inputs and outputs) at
    /// most [`MAX_BUFFER_BYTES`] in total. Errors name the key.
    pub fn parse(sig: &KernelSignature, text: &[u8]) -> Result<KernelInput, String> {
        let json: serde_json::Value = serde_json::from_slice(text).map_err(|e| format!("expected one JSON object: {e}"))?;
        let obj = json.as_object().ok_or("expected one JSON object (keys: the scalars and the in/inout buffers)")?;
        let expected: Vec<&str> = sig.params.iter().filter(|p| !matches!(p, KernelParam::Buffer { dir: Direction::Out, .. })).map(KernelParam::name).collect();
        if let Some(k) = obj.keys().find(|k| !expected.contains(&k.as_str())) {
            let why = if sig.buffers().any(|(n, d, _, _)| n == k && d == Direction::Out) { "an `out` buffer has no input" } else { "not a parameter" };
            return Err(format!("unexpected key `{k}` ({why}; expected: {})", expected.join(", ")));
        }
        if let Some(k) = expected.iter().find(|k| !obj.contains_key(**k)) {
            return Err(format!("missing key `{k}` (expected: {})", expected.join(", ")));
        }
        let mut scalars = Vec::new();
        for (name, ty) in sig.scalars() {
            scalars.push(number_to(ty, &obj[name]).map_err(|e| format!("scalar `{name}`: {e}"))?);
        }
        let lengths = sig.lengths(&scalars)?;
        let mut total: u64 = 0;
        for ((name, _, elem, _), n) in sig.buffers().zip(&lengths) {
            let bytes = n.checked_mul(elem.size()).ok_or_else(|| format!("buffer `{name}`: {n} elements overflow"))?;
            total = total.saturating_add(bytes);
            if total > MAX_BUFFER_BYTES {
                return Err(format!(
                    "buffer `{name}`: the case's buffers exceed {} MiB in total (at {} MiB so far); make the case smaller",
                    MAX_BUFFER_BYTES >> 20,
                    total >> 20
                ));
            }
        }
        let mut sources = Vec::new();
        for ((name, dir, elem, _), &n) in sig.buffers().zip(&lengths) {
            if !dir.is_input() {
                continue;
            }
            let src = match &obj[name] {
                serde_json::Value::Array(items) => {
                    if items.len() as u64 != n {
                        return Err(format!("buffer `{name}`: expected {n} elements (its length), found {}", items.len()));
                    }
                    let mut data = Vec::with_capacity(items.len() * elem.size() as usize);
                    for (i, it) in items.iter().enumerate() {
                        let v = number_to(elem, it).map_err(|e| format!("buffer `{name}`[{i}]: {e}"))?;
                        push_scalar(&mut data, v);
                    }
                    BufferSource::Literal(data)
                }
                serde_json::Value::Object(g) => generator(elem, g).map_err(|e| format!("buffer `{name}`: {e}"))?,
                other => return Err(format!("buffer `{name}`: expected an array of {n} numbers or a generator object, found {}", short(other))),
            };
            if let BufferSource::Range = src {
                let max = match elem {
                    ElemType::I32 => i32::MAX as u64,
                    ElemType::I64 => i64::MAX as u64,
                    ElemType::F32 => 1 << 24,
                    ElemType::F64 => 1 << 53,
                };
                if n > 0 && n - 1 > max {
                    return Err(format!("buffer `{name}`: `range` up to {} is not exact in {elem}", n - 1));
                }
            }
            sources.push(src);
        }
        Ok(KernelInput { scalars, lengths, sources })
    }

    /// The output buffers: (name, element type, length) in signature order.
    pub fn outputs<'a>(&self, sig: &'a KernelSignature) -> Vec<(&'a str, ElemType, u64)> {
        sig.buffers().zip(&self.lengths).filter(|((_, d, _, _), _)| d.is_output()).map(|((n, _, e, _), &l)| (n, e, l)).collect()
    }

    /// Bytes of all output buffers together.
    pub fn output_bytes(&self, sig: &KernelSignature) -> u64 {
        self.outputs(sig).iter().map(|(_, e, n)| e.size() * n).sum()
    }

    /// Materialise the input blob (format in `docs/drivers.md`):
    /// ```text
    /// "JKBLOB01"                                  8 bytes
    /// u32 scalars, u32 buffers                    counts (every buffer, out included)
    /// u32 repeats, u32 budget_ms                  timing: repetitions, wall budget
    /// u64 × buffers                               each buffer's length, elements
    /// 8 bytes × scalars                           each value little-endian, zero-padded
    /// the in/inout buffers' elements, little-endian, in signature order
    /// ```
    pub fn blob(&self, sig: &KernelSignature, repeats: u32, budget_ms: u32) -> Vec<u8> {
        let input_bytes: u64 = sig.buffers().zip(&self.lengths).filter(|((_, d, _, _), _)| d.is_input()).map(|((_, _, e, _), n)| e.size() * n).sum();
        let mut out = Vec::with_capacity(32 + 8 * (self.lengths.len() + self.scalars.len()) + input_bytes as usize);
        out.extend_from_slice(BLOB_MAGIC);
        out.extend_from_slice(&(self.scalars.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.lengths.len() as u32).to_le_bytes());
        out.extend_from_slice(&repeats.to_le_bytes());
        out.extend_from_slice(&budget_ms.to_le_bytes());
        for n in &self.lengths {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for s in &self.scalars {
            out.extend_from_slice(&s.le_bytes8());
        }
        let inputs = sig.buffers().zip(&self.lengths).filter(|((_, d, _, _), _)| d.is_input());
        for (((_, _, elem, _), &n), src) in inputs.zip(&self.sources) {
            materialise(&mut out, elem, n, src);
        }
        out
    }
}

fn from_f64(elem: ElemType, v: f64) -> ScalarValue {
    match elem {
        ElemType::F32 => ScalarValue::F32(v as f32),
        ElemType::F64 => ScalarValue::F64(v),
        ElemType::I32 => ScalarValue::I32(v as i32),
        ElemType::I64 => ScalarValue::I64(v as i64),
    }
}

fn from_i64(elem: ElemType, v: i64) -> ScalarValue {
    match elem {
        ElemType::F32 => ScalarValue::F32(v as f32),
        ElemType::F64 => ScalarValue::F64(v as f64),
        ElemType::I32 => ScalarValue::I32(v as i32),
        ElemType::I64 => ScalarValue::I64(v),
    }
}

fn materialise(out: &mut Vec<u8>, elem: ElemType, n: u64, src: &BufferSource) {
    match src {
        BufferSource::Literal(bytes) => out.extend_from_slice(bytes),
        BufferSource::Uniform { lo, hi, seed } => {
            let mut r = rng(*seed);
            for _ in 0..n {
                push_scalar(out, from_f64(elem, lo + (hi - lo) * unit(&mut r)));
            }
        }
        BufferSource::Normal { mean, std, seed } => {
            let mut r = rng(*seed);
            for _ in 0..n {
                let u1 = 1.0 - unit(&mut r);
                let u2 = unit(&mut r);
                let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
                push_scalar(out, from_f64(elem, mean + std * z));
            }
        }
        BufferSource::RandInt { lo, hi, seed } => {
            let mut r = rng(*seed);
            let span = (*hi as i128 - *lo as i128 + 1) as u128;
            for _ in 0..n {
                let v = if span > u64::MAX as u128 {
                    r.next_u64() as i64
                } else {
                    let span = span as u64;
                    // zone = 2^64 - (2^64 mod span), the largest multiple of
                    // span not above 2^64; 0 stands for 2^64 (take every x).
                    let rem = (u64::MAX % span + 1) % span;
                    let zone = 0u64.wrapping_sub(rem);
                    loop {
                        let x = r.next_u64();
                        if zone == 0 || x < zone {
                            break (*lo as i128 + (x % span) as i128) as i64;
                        }
                    }
                };
                push_scalar(out, from_i64(elem, v));
            }
        }
        BufferSource::Range => {
            for i in 0..n {
                push_scalar(out, from_i64(elem, i as i64));
            }
        }
        BufferSource::Fill(v) => {
            let mut one = Vec::new();
            push_scalar(&mut one, *v);
            for _ in 0..n {
                out.extend_from_slice(&one);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADD: &str = "solve(A: in f32[N], B: in f32[N], C: out f32[N], N: i32)";

    #[test]
    fn parses_and_derives_the_c_declaration() {
        let s = KernelSignature::parse(ADD).unwrap();
        assert_eq!(s.c_declaration(), "extern \"C\" void solve(const float* A, const float* B, float* C, int N)");
        assert_eq!(s.c_pointer_type(), "void (*)(const float*, const float*, float*, int)");
        let m = KernelSignature::parse("solve(A: in f32[M*K], B: in f64[K * N], C: inout i64[(M + 1) * N - 1], M: i32, N: i64, K: i32, s: f64)").unwrap();
        assert_eq!(m.c_declaration(), "extern \"C\" void solve(const float* A, const double* B, long long* C, int M, long long N, int K, double s)");
        let l = m.lengths(&[ScalarValue::I32(3), ScalarValue::I64(4), ScalarValue::I32(5), ScalarValue::F64(0.5)]).unwrap();
        assert_eq!(l, vec![15, 20, 15]);
        assert_eq!(KernelSignature::parse(&m.to_string()).unwrap(), m);
    }

    #[test]
    fn rejects_bad_signatures_with_the_reason() {
        for (bad, why) in [
            ("solve(A: in f32[N], N: i32)", "at least one `out`"),
            ("solve(A: out f32[N])", "not a parameter"),
            ("solve(A: out f32[x], x: f32)", "not an integer scalar"),
            ("solve(A: out f16[N], N: i32)", "unknown element type `f16`"),
            ("solve(A: output f32[N], N: i32)", "expected `in`, `out` or `inout`"),
            ("solve(A: out f32[N], N: i32) -> int", "no return type"),
            ("solve(A: out f32[N + ], N: i32)", "length"),
            ("solve(A: out f32[N], A: i32)", "declared twice"),
            ("solve(int: out f32[4])", "not a valid C parameter name"),
            ("solve(A: out f32[99999999999999999999])", "does not fit in i64"),
            ("solve(A: out f32[N) , N: i32)", "expected"),
            ("solve()", "at least one parameter"),
            ("1solve(A: out f32[1])", "not a valid function name"),
            ("solve(A: out f32[N], N: u32)", "expected a scalar type"),
        ] {
            let e = KernelSignature::parse(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn lengths_are_overflow_checked_and_non_negative() {
        let s = KernelSignature::parse("f(A: out f32[N * N * N], N: i64)").unwrap();
        let e = s.lengths(&[ScalarValue::I64(1 << 32)]).unwrap_err();
        assert!(e.contains("overflows") && e.contains("`A`"), "{e}");
        let s = KernelSignature::parse("f(A: out f32[N - 5], N: i32)").unwrap();
        assert!(s.lengths(&[ScalarValue::I32(2)]).unwrap_err().contains("negative"));
        assert_eq!(s.lengths(&[ScalarValue::I32(5)]).unwrap(), vec![0]);
    }

    fn input(text: &str) -> Result<KernelInput, String> {
        KernelInput::parse(&KernelSignature::parse(ADD).unwrap(), text.as_bytes())
    }

    #[test]
    fn decodes_literals_and_generators() {
        let k = input(r#"{"N": 3, "A": [1, 2.5, -3], "B": {"gen": "fill", "value": 2}}"#).unwrap();
        assert_eq!(k.lengths, vec![3, 3, 3]);
        let sig = KernelSignature::parse(ADD).unwrap();
        let blob = k.blob(&sig, 7, 500);
        assert_eq!(&blob[..8], BLOB_MAGIC);
        assert_eq!(blob.len(), 8 + 16 + 3 * 8 + 8 + 2 * 3 * 4);
        let a = &blob[8 + 16 + 24 + 8..][..12];
        assert_eq!(a, [1f32.to_le_bytes(), 2.5f32.to_le_bytes(), (-3f32).to_le_bytes()].concat());
        assert_eq!(k.output_bytes(&sig), 12);
    }

    #[test]
    fn generators_are_reproducible_and_in_range() {
        let sig = KernelSignature::parse("f(A: in f32[N], B: in i32[N], C: in f64[N], D: out f32[N], N: i32)").unwrap();
        let text = r#"{"N": 10000, "A": {"gen": "uniform", "lo": -1, "hi": 1, "seed": 7}, "B": {"gen": "randint", "lo": -3, "hi": 3, "seed": 1}, "C": {"gen": "normal", "mean": 10, "std": 2, "seed": 3}}"#;
        let k = KernelInput::parse(&sig, text.as_bytes()).unwrap();
        let b1 = k.blob(&sig, 1, 1);
        assert_eq!(b1, KernelInput::parse(&sig, text.as_bytes()).unwrap().blob(&sig, 1, 1));
        let data = &b1[8 + 16 + 4 * 8 + 8..];
        let a: Vec<f32> = data[..40000].chunks(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect();
        assert!(a.iter().all(|v| (-1.0..=1.0).contains(v)));
        assert!(a.iter().any(|v| *v < -0.9) && a.iter().any(|v| *v > 0.9));
        let b: Vec<i32> = data[40000..80000].chunks(4).map(|c| i32::from_le_bytes(c.try_into().unwrap())).collect();
        assert!(b.iter().all(|v| (-3..=3).contains(v)));
        assert!((-3..=3).all(|x| b.contains(&x)), "every value of the inclusive range appears");
        let c: Vec<f64> = data[80000..].chunks(8).map(|c| f64::from_le_bytes(c.try_into().unwrap())).collect();
        let mean = c.iter().sum::<f64>() / c.len() as f64;
        assert!((mean - 10.0).abs() < 0.1, "{mean}");
        // The first value is pinned: the generator is part of the format.
        let first = f32::from_le_bytes(data[..4].try_into().unwrap());
        assert_eq!(first, {
            let mut r = rng(7);
            (-1.0 + 2.0 * unit(&mut r)) as f32
        });
    }

    #[test]
    fn rejects_bad_inputs_naming_the_key() {
        for (text, why) in [
            (r#"{"N": 2, "A": [1, 2], "B": [1, 2], "C": [0, 0]}"#, "unexpected key `C` (an `out` buffer"),
            (r#"{"N": 2, "A": [1, 2], "B": [1, 2], "X": 1}"#, "unexpected key `X`"),
            (r#"{"N": 2, "A": [1, 2]}"#, "missing key `B`"),
            (r#"{"N": 2, "A": [1, 2, 3], "B": [1, 2]}"#, "buffer `A`: expected 2 elements"),
            (r#"{"N": 2, "A": [1, "x"], "B": [1, 2]}"#, "buffer `A`[1]"),
            (r#"{"N": 2.5, "A": [], "B": []}"#, "scalar `N`: expected an integer"),
            (r#"{"N": 3000000000, "A": [], "B": []}"#, "does not fit in i32"),
            (r#"{"N": -1, "A": [], "B": []}"#, "negative"),
            (r#"{"N": 2, "A": {"gen": "uniform", "lo": 0, "hi": 1}, "B": [1, 2]}"#, "missing field `seed`"),
            (r#"{"N": 2, "A": {"gen": "uniform", "lo": 0, "hi": 1, "seed": 1, "x": 2}, "B": [1, 2]}"#, "unknown field `x`"),
            (r#"{"N": 2, "A": {"gen": "zipf"}, "B": [1, 2]}"#, "unknown generator `zipf`"),
            (r#"{"N": 2, "A": {"gen": "uniform", "lo": 2, "hi": 1, "seed": 1}, "B": [1, 2]}"#, "lo <= hi"),
            (r#"{"N": 2, "A": {"gen": "fill", "value": 1e300}, "B": [1, 2]}"#, "does not fit in f32"),
            (r#"{"N": 100000000, "A": {"gen": "range"}, "B": {"gen": "range"}}"#, "exceed 512 MiB"),
            (r#"[1, 2]"#, "one JSON object"),
        ] {
            let e = input(text).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
        }
        let ints = KernelSignature::parse("f(A: in i32[N], B: out i32[N], N: i32)").unwrap();
        let e = KernelInput::parse(&ints, br#"{"N": 1, "A": [1.5]}"#).unwrap_err();
        assert!(e.contains("expected an integer"), "{e}");
        let e = KernelInput::parse(&ints, br#"{"N": 1, "A": {"gen": "normal", "mean": 0, "std": 1, "seed": 1}}"#).unwrap_err();
        assert!(e.contains("makes floats"), "{e}");
        let e = KernelInput::parse(&ints, br#"{"N": 1, "A": {"gen": "randint", "lo": 0, "hi": 5000000000, "seed": 1}}"#).unwrap_err();
        assert!(e.contains("exact in i32"), "{e}");
    }
}
