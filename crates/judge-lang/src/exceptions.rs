//! The standard exception types of each language: the closed vocabulary a
//! hidden case's exception is shown in (anything else is reported as "a type
//! defined by the solution", since a solution can name a class after a
//! hidden input).

/// Python's builtin exception classes (`builtins`, CPython 3.8–3.13), plus
/// the names the judge's Python driver uses for its own reports.
pub const PYTHON: &[&str] = &[
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup",
    "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError",
    "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
    "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
    "PermissionError", "ProcessLookupError", "PythonFinalizationError", "RecursionError", "ReferenceError",
    "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning",
    "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
    // The driver's own reports.
    "MissingEntry", "UnencodableResult",
];

/// The exception classes of the C++ standard library (C++23, as libstdc++
/// names them once demangled, inline namespaces removed), plus the C++
/// driver's name for a thrown non-class value.
pub const CPP: &[&str] = &[
    "std::exception", "std::bad_alloc", "std::bad_array_new_length", "std::bad_cast", "std::bad_typeid",
    "std::bad_exception", "std::bad_function_call", "std::bad_optional_access", "std::bad_variant_access",
    "std::bad_weak_ptr", "std::bad_any_cast", "std::bad_expected_access", "std::logic_error",
    "std::invalid_argument", "std::domain_error", "std::length_error", "std::out_of_range", "std::future_error",
    "std::runtime_error", "std::range_error", "std::overflow_error", "std::underflow_error", "std::regex_error",
    "std::system_error", "std::ios_base::failure", "std::__ios_failure", "std::filesystem::filesystem_error",
    "std::format_error", "std::chrono::nonexistent_local_time", "std::chrono::ambiguous_local_time",
    "std::experimental::bad_optional_access",
    // The driver's own name for `catch (...)`.
    "unknown exception",
];

/// Whether `name` is a standard exception type of language `lang` (`python`,
/// `cpp`; [`crate::Language::is_standard_exception`]). For C++, libstdc++'s
/// and libc++'s inline namespaces (`__cxx11`, `__1`) are ignored. An unknown
/// language has none.
pub fn is_standard(lang: &str, name: &str) -> bool {
    crate::language::language(lang).is_ok_and(|l| l.is_standard_exception(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_and_not() {
        assert!(is_standard("python", "ValueError"));
        assert!(is_standard("python", "MemoryError"));
        assert!(!is_standard("python", "Secret_42_17"));
        assert!(!is_standard("python", "solution.ValueError"));
        assert!(!is_standard("python", "numpy.linalg.LinAlgError"));
        assert!(is_standard("cpp", "std::out_of_range"));
        assert!(is_standard("cpp", "std::filesystem::__cxx11::filesystem_error"));
        assert!(!is_standard("cpp", "my::out_of_range"));
        assert!(!is_standard("cpp", "ValueError"));
    }
}
