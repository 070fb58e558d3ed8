//! The tolerance checker of kernel problems (`kind = "cuda"`): output
//! buffers (raw little-endian arrays) compared element by element with the
//! problem's `atol` and `rtol`.
//!
//! Rule, per element `a` (actual) against `e` (expected):
//! - integers (`i32`, `i64`): exactly equal;
//! - floats (`f32` compared after widening to f64): finite `e` passes when
//!   `a` is finite and `|a − e| ≤ atol + rtol·|e|`; an infinite `e` only
//!   when `a` is the same infinity; a NaN `e` when `a` is a NaN, except the
//!   driver's poison NaN (an output never written fails even where NaN is
//!   expected); a NaN or infinite `a` where `e` is finite fails.
//!
//! Poison values (what out buffers hold before `solve` runs; see
//! `docs/drivers.md`): [`POISON_F32`], [`POISON_F64`], [`POISON_I32`],
//! [`POISON_I64`].

use judge_core::kernel::ElemType;

/// Bit pattern of the f32 poison: a quiet NaN with payload `0xDEAD`.
pub const POISON_F32: u32 = 0x7FC0_DEAD;
/// Bit pattern of the f64 poison: a quiet NaN with payload `0xDEADDEADDEAD`.
pub const POISON_F64: u64 = 0x7FF8_DEAD_DEAD_DEAD;
/// The i32 poison (`0xDEADBEEF`).
pub const POISON_I32: i32 = 0xDEAD_BEEF_u32 as i32;
/// The i64 poison (`0xDEADBEEFDEADBEEF`).
pub const POISON_I64: i64 = 0xDEAD_BEEF_DEAD_BEEF_u64 as i64;

/// Absolute and relative tolerance: `|a − e| ≤ atol + rtol·|e|`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KernelTolerance {
    /// Absolute part.
    pub atol: f64,
    /// Relative part.
    pub rtol: f64,
}

/// One element outside the tolerance.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Element index in its buffer.
    pub index: u64,
    /// The actual value, rendered (`NaN (poison: never written)` for poison).
    pub got: String,
    /// The expected value, rendered.
    pub expected: String,
}

/// The comparison of one output buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct BufferComparison {
    /// The buffer's name.
    pub name: String,
    /// Elements compared.
    pub total: u64,
    /// Elements outside the tolerance.
    pub mismatches: u64,
    /// Elements left at the poison value.
    pub poison: u64,
    /// The first few mismatches, in index order.
    pub first: Vec<Mismatch>,
}

/// How many mismatches are kept per buffer for the report.
pub const SHOWN_MISMATCHES: usize = 5;

fn render(elem: ElemType, bytes: &[u8]) -> (String, bool) {
    match elem {
        ElemType::F32 => {
            let bits = u32::from_le_bytes(bytes.try_into().unwrap_or_default());
            if bits == POISON_F32 {
                return ("NaN (poison: never written)".into(), true);
            }
            (format!("{:?}", f32::from_bits(bits)), false)
        }
        ElemType::F64 => {
            let bits = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
            if bits == POISON_F64 {
                return ("NaN (poison: never written)".into(), true);
            }
            (judge_core::value::fmt_float(f64::from_bits(bits)), false)
        }
        ElemType::I32 => (i32::from_le_bytes(bytes.try_into().unwrap_or_default()).to_string(), false),
        ElemType::I64 => (i64::from_le_bytes(bytes.try_into().unwrap_or_default()).to_string(), false),
    }
}

fn float_of(elem: ElemType, bytes: &[u8]) -> (f64, bool) {
    match elem {
        ElemType::F32 => {
            let bits = u32::from_le_bytes(bytes.try_into().unwrap_or_default());
            (f64::from(f32::from_bits(bits)), bits == POISON_F32)
        }
        _ => {
            let bits = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
            (f64::from_bits(bits), bits == POISON_F64)
        }
    }
}

impl KernelTolerance {
    /// Whether float `a` passes against `e` (see the module's rule).
    pub fn accepts(&self, e: f64, a: f64, a_is_poison: bool) -> bool {
        if e.is_nan() {
            return a.is_nan() && !a_is_poison;
        }
        if e.is_infinite() {
            return a == e;
        }
        a.is_finite() && (a - e).abs() <= self.atol + self.rtol * e.abs()
    }

    /// Compare one buffer of `elem` elements: `expected` and `actual` are
    /// its raw little-endian bytes (equal lengths, a multiple of the element size).
    pub fn compare(&self, name: &str, elem: ElemType, expected: &[u8], actual: &[u8]) -> BufferComparison {
        let size = elem.size() as usize;
        let n = expected.len().min(actual.len()) / size;
        let mut out = BufferComparison { name: name.to_string(), total: n as u64, mismatches: 0, poison: 0, first: Vec::new() };
        for (i, (e, a)) in expected.chunks_exact(size).zip(actual.chunks_exact(size)).enumerate() {
            let ok = match elem {
                ElemType::I32 | ElemType::I64 => e == a,
                ElemType::F32 | ElemType::F64 => {
                    let (ev, _) = float_of(elem, e);
                    let (av, poison) = float_of(elem, a);
                    self.accepts(ev, av, poison)
                }
            };
            if !ok {
                out.mismatches += 1;
                let (got, poison) = render(elem, a);
                if poison {
                    out.poison += 1;
                }
                if out.first.len() < SHOWN_MISMATCHES {
                    out.first.push(Mismatch { index: i as u64, got, expected: render(elem, e).0 });
                }
            }
        }
        out
    }
}

/// Compare every output buffer: `outputs` lists (name, element type,
/// length) in signature order; `expected` and `actual` are the buffers'
/// bytes concatenated in that order (the caller has checked their sizes).
pub fn compare_outputs(tol: KernelTolerance, outputs: &[(&str, ElemType, u64)], expected: &[u8], actual: &[u8]) -> Vec<BufferComparison> {
    let mut at = 0usize;
    let mut out = Vec::new();
    for (name, elem, len) in outputs {
        let bytes = (*len * elem.size()) as usize;
        let end = at.saturating_add(bytes);
        let (e, a) = (expected.get(at..end).unwrap_or(&[]), actual.get(at..end).unwrap_or(&[]));
        out.push(tol.compare(name, *elem, e, a));
        at = end;
    }
    out
}

/// The WA message of a comparison with mismatches (`None`: all passed).
/// With `show_values` (a sample case, or `--reveal`) the first few
/// `index: got vs expected` of each buffer; without (a hidden case), only
/// the counts.
pub fn describe(results: &[BufferComparison], tol: KernelTolerance, show_values: bool) -> Option<String> {
    let bad: Vec<&BufferComparison> = results.iter().filter(|r| r.mismatches > 0).collect();
    if bad.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for r in bad {
        let mut s = format!("`{}`: {} of {} values outside the tolerance", r.name, r.mismatches, r.total);
        if r.poison > 0 {
            s.push_str(&format!(" ({} never written: still the poison value)", r.poison));
        }
        if show_values {
            let shown: Vec<String> = r.first.iter().map(|m| format!("[{}]: got {} vs expected {}", m.index, m.got, m.expected)).collect();
            s.push_str(&format!("; first: {}", shown.join(", ")));
        }
        parts.push(s);
    }
    Some(format!("{} (atol {:e}, rtol {:e})", parts.join("; "), tol.atol, tol.rtol))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f32s(v: &[f32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    const TOL: KernelTolerance = KernelTolerance { atol: 1e-5, rtol: 1e-5 };

    #[test]
    fn within_tolerance_passes_and_outside_fails() {
        let e = f32s(&[1.0, 100.0, 0.0, -5.0]);
        let a = f32s(&[1.000_005, 100.001, 0.000_009, -5.0]);
        let r = TOL.compare("C", ElemType::F32, &e, &a);
        assert_eq!(r.mismatches, 0, "{r:?}");
        let a = f32s(&[1.0001, 100.0, 0.0, -5.0]);
        let r = TOL.compare("C", ElemType::F32, &e, &a);
        assert_eq!(r.mismatches, 1);
        assert_eq!(r.first[0].index, 0);
    }

    #[test]
    fn an_all_zero_output_fails() {
        let e = f32s(&[0.5, -1.25, 3.0, 0.0]);
        let a = f32s(&[0.0; 4]);
        let r = compare_outputs(TOL, &[("C", ElemType::F32, 4)], &e, &a);
        assert_eq!(r[0].mismatches, 3);
        let msg = describe(&r, TOL, true).unwrap();
        assert!(msg.contains("`C`: 3 of 4 values outside the tolerance") && msg.contains("[0]: got 0.0 vs expected 0.5"), "{msg}");
    }

    #[test]
    fn poison_fails_even_where_nan_is_expected() {
        let poison = f32::from_bits(POISON_F32);
        let e = f32s(&[1.0, f32::NAN, f32::NAN]);
        let a = f32s(&[poison, poison, f32::NAN]);
        let r = TOL.compare("C", ElemType::F32, &e, &a);
        assert_eq!((r.mismatches, r.poison), (2, 2), "{r:?}");
        assert!(r.first[0].got.contains("poison"));
        let msg = describe(&[r], TOL, false).unwrap();
        assert!(msg.contains("2 never written") && !msg.contains("[0]"), "hidden: counts only: {msg}");
        // f64 poison too.
        let e: Vec<u8> = 2.0f64.to_le_bytes().to_vec();
        let a: Vec<u8> = f64::from_bits(POISON_F64).to_le_bytes().to_vec();
        assert_eq!(TOL.compare("D", ElemType::F64, &e, &a).poison, 1);
    }

    #[test]
    fn nan_and_infinity_rules() {
        let t = KernelTolerance { atol: 1.0, rtol: 1.0 };
        assert!(t.accepts(f64::NAN, f64::NAN, false));
        assert!(!t.accepts(1.0, f64::NAN, false));
        assert!(!t.accepts(f64::NAN, 1.0, false));
        assert!(t.accepts(f64::INFINITY, f64::INFINITY, false));
        assert!(!t.accepts(f64::INFINITY, f64::NEG_INFINITY, false));
        assert!(!t.accepts(1e300, f64::INFINITY, false), "a finite expectation never accepts inf");
        assert!(!t.accepts(f64::INFINITY, 1e308, false));
    }

    #[test]
    fn integers_are_exact_and_several_buffers_are_split() {
        let e: Vec<u8> = [1i32, 2, 3].iter().flat_map(|x| x.to_le_bytes()).chain(7i64.to_le_bytes()).collect();
        let a: Vec<u8> = [1i32, 2, 4].iter().flat_map(|x| x.to_le_bytes()).chain(7i64.to_le_bytes()).collect();
        let r = compare_outputs(KernelTolerance { atol: 10.0, rtol: 10.0 }, &[("X", ElemType::I32, 3), ("Y", ElemType::I64, 1)], &e, &a);
        assert_eq!((r[0].mismatches, r[1].mismatches), (1, 0));
        assert_eq!(r[0].first[0], Mismatch { index: 2, got: "4".into(), expected: "3".into() });
        let poison: Vec<u8> = POISON_I32.to_le_bytes().to_vec();
        assert_eq!(TOL.compare("Z", ElemType::I32, &3i32.to_le_bytes(), &poison).mismatches, 1);
    }

    #[test]
    fn only_the_first_few_are_kept() {
        let e = f32s(&[1.0; 100]);
        let a = f32s(&[2.0; 100]);
        let r = TOL.compare("C", ElemType::F32, &e, &a);
        assert_eq!((r.mismatches, r.first.len()), (100, SHOWN_MISMATCHES));
    }
}
