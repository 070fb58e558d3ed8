//! The result channel of function problems: what a driver writes on fd 3,
//! read by the judge as untrusted input (the driver runs inside the
//! solution's process, which can write anything there).
//!
//! Protocol (`docs/drivers.md`): exactly one line of JSON, either
//! `{"status": "ok", "value": V}` or
//! `{"status": "exception", "type": T, "message": M, "memory": B, "traceback": TB}`
//! (`traceback` optional, Python only). The line is parsed against this
//! schema: `status` is an enum, unknown fields are rejected, strings are
//! size-capped, and `value` is decoded straight from its text against the
//! declared return type ([`judge_core::value::from_json_text`]), so parsing
//! allocates in proportion to the input. The judge caps the channel's size
//! before it gets here ([`channel_cap`]).

use judge_core::value::from_json_text;
use judge_core::{Type, TypeError, Value};
use serde::Deserialize;
use serde_json::value::RawValue;

/// What a driver reported.
#[derive(Debug, Clone, PartialEq)]
pub enum DriverReport {
    /// The function returned; the value decoded against the declared type,
    /// or the type error at the first place it differs.
    Returned(Result<Value, TypeError>),
    /// The function raised.
    Raised {
        /// The exception's type as the driver named it (untrusted text).
        exception: String,
        /// Its message (untrusted text, capped).
        message: String,
        /// An allocation failure (`MemoryError`, `std::bad_alloc`).
        memory: bool,
        /// The traceback (Python), capped.
        traceback: Option<String>,
    },
}

/// Why the channel holds no valid report. The messages are fixed texts:
/// nothing the solution wrote is echoed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelError {
    /// Nothing was written.
    Missing,
    /// More than one line.
    Several,
    /// Not a line of the schema.
    Garbled,
    /// Larger than the cap (the judge stopped reading).
    TooLarge,
}

impl ChannelError {
    /// A fixed description.
    pub fn describe(self) -> &'static str {
        match self {
            ChannelError::Missing => "no result was reported (the program ended before the function returned)",
            ChannelError::Several => "more than one result on the result channel (forged or duplicated)",
            ChannelError::Garbled => "garbled result on the result channel",
            ChannelError::TooLarge => "the result is larger than the judge reads (4 × the expected answer + 64 KiB)",
        }
    }
}

/// Bytes of the result channel the judge reads for a case whose expected
/// answer is `expected_len` bytes of typed JSON: `4 × expected_len + 64 KiB`.
/// Past it the channel is closed (the writer gets `EPIPE`) and the result is
/// [`ChannelError::TooLarge`].
pub fn channel_cap(expected_len: usize) -> usize {
    expected_len.saturating_mul(4).saturating_add(64 << 10)
}

/// Longest exception type name kept, bytes.
const TYPE_BYTES: usize = 200;
/// Longest message kept, bytes.
const MESSAGE_BYTES: usize = 2000;
/// Longest traceback kept, bytes.
const TRACEBACK_BYTES: usize = 8000;

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    Ok,
    Exception,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line<'a> {
    status: Status,
    #[serde(borrow, default)]
    value: Option<&'a RawValue>,
    #[serde(rename = "type", default)]
    ty: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    memory: Option<bool>,
    #[serde(default)]
    traceback: Option<String>,
}

/// Parse the channel's bytes. `truncated` is whether the judge stopped
/// reading at the cap.
pub fn parse(data: &[u8], truncated: bool, returns: &Type) -> Result<DriverReport, ChannelError> {
    if truncated {
        return Err(ChannelError::TooLarge);
    }
    let text = std::str::from_utf8(data).map_err(|_| ChannelError::Garbled)?;
    let mut lines = text.split('\n').filter(|l| !l.trim().is_empty());
    let Some(line) = lines.next() else { return Err(ChannelError::Missing) };
    if lines.next().is_some() {
        return Err(ChannelError::Several);
    }
    let parsed: Line<'_> = serde_json::from_str(line).map_err(|_| ChannelError::Garbled)?;
    match parsed.status {
        Status::Ok => {
            if parsed.ty.is_some() || parsed.message.is_some() || parsed.memory.is_some() || parsed.traceback.is_some() {
                return Err(ChannelError::Garbled);
            }
            let raw = parsed.value.ok_or(ChannelError::Garbled)?;
            Ok(DriverReport::Returned(from_json_text(raw.get(), returns)))
        }
        Status::Exception => {
            if parsed.value.is_some() {
                return Err(ChannelError::Garbled);
            }
            let cap = |s: Option<String>, n: usize| {
                let s = s.unwrap_or_default();
                judge_core::value::prefix_at_char_boundary(&s, n).to_string()
            };
            Ok(DriverReport::Raised {
                exception: cap(parsed.ty, TYPE_BYTES),
                message: cap(parsed.message, MESSAGE_BYTES),
                memory: parsed.memory.unwrap_or(false),
                traceback: parsed.traceback.map(|t| cap(Some(t), TRACEBACK_BYTES)).filter(|t| !t.trim().is_empty()),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int() -> Type {
        Type::Int
    }

    #[test]
    fn reads_the_schema_and_nothing_else() {
        assert_eq!(parse(b"{\"status\":\"ok\",\"value\":3}\n", false, &int()), Ok(DriverReport::Returned(Ok(Value::Int(3)))));
        let raised = parse(b"{\"status\":\"exception\",\"type\":\"ValueError\",\"message\":\"m\",\"memory\":false}", false, &int());
        assert!(matches!(raised, Ok(DriverReport::Raised { ref exception, .. }) if exception == "ValueError"));
        assert_eq!(parse(b"", false, &int()), Err(ChannelError::Missing));
        assert_eq!(parse(b"{\"status\":\"ok\",\"value\":1}\n{\"status\":\"ok\",\"value\":1}\n", false, &int()), Err(ChannelError::Several));
        for bad in [
            &b"{\"status\":\"won\",\"value\":1}"[..],
            b"{\"status\":\"ok\",\"value\":1,\"verdict\":\"AC\"}",
            b"{\"status\":\"ok\"}",
            b"{\"status\":\"ok\",\"value\":1,\"type\":\"x\"}",
            b"{\"status\":\"exception\",\"type\":[1]}",
            b"not json",
            b"\xff\xfe",
        ] {
            assert_eq!(parse(bad, false, &int()), Err(ChannelError::Garbled), "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(parse(b"{\"status\":\"ok\",\"value\":1}", true, &int()), Err(ChannelError::TooLarge));
        let long = format!("{{\"status\":\"exception\",\"type\":\"{}\",\"message\":\"\"}}", "A".repeat(10_000));
        assert!(matches!(parse(long.as_bytes(), false, &int()), Ok(DriverReport::Raised { exception, .. }) if exception.len() == 200));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("{{\"status\":\"ok\",\"value\":{}}}", "[".repeat(200_000));
        assert_eq!(parse(deep.as_bytes(), false, &int()), Err(ChannelError::Garbled));
    }
}
