//! Cancellation of runs in progress.
//!
//! A [`CancelToken`] is shared between whoever may cancel (a file watcher, a
//! key press, a signal) and the thread running programs. Cancelling stops the
//! current sandboxed run at once — the sandbox's poll loop watches the token's
//! pipe, kills the helper, whose init takes the whole run's PID namespace
//! down — and every later run with the same token returns
//! [`SandboxError::Cancelled`](crate::SandboxError::Cancelled) before it
//! starts. A token cannot be reset: make a new one for the next judging.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A cancellation flag with a pipe that becomes readable when it is set, so
/// a `poll(2)` loop wakes up at once. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct CancelToken(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    cancelled: AtomicBool,
    /// (read end, write end); `None` if the pipe could not be created, in
    /// which case the flag alone is checked (at least every 50 ms).
    pipe: Option<(OwnedFd, OwnedFd)>,
}

impl Default for CancelToken {
    fn default() -> Self {
        CancelToken::new()
    }
}

impl CancelToken {
    /// A token not yet cancelled.
    pub fn new() -> CancelToken {
        let flags = nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK;
        let pipe = nix::unistd::pipe2(flags).ok();
        CancelToken(Arc::new(Inner { cancelled: AtomicBool::new(false), pipe }))
    }

    /// Cancel: the run in progress ends at once (its whole process tree), and
    /// no further run starts with this token. Idempotent; async-signal-safe
    /// apart from the first call's atomic store and one `write(2)`.
    pub fn cancel(&self) {
        if !self.0.cancelled.swap(true, Ordering::SeqCst) {
            if let Some((_, w)) = &self.0.pipe {
                let _ = nix::unistd::write(w, b"x");
            }
        }
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::SeqCst)
    }

    /// The descriptor that becomes readable on cancellation.
    pub(crate) fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.0.pipe.as_ref().map(|(r, _)| r.as_fd())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_is_shared_and_sticky() {
        let a = CancelToken::new();
        let b = a.clone();
        assert!(!b.is_cancelled());
        a.cancel();
        a.cancel();
        assert!(b.is_cancelled());
        let mut fds = [nix::poll::PollFd::new(b.fd().unwrap(), nix::poll::PollFlags::POLLIN)];
        assert_eq!(nix::poll::poll(&mut fds, nix::poll::PollTimeout::ZERO).unwrap(), 1);
    }
}
