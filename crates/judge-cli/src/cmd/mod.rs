//! One module per command.

pub mod cache;
pub mod doctor;
pub mod grade;
pub mod list;
pub mod new;
pub mod run;
pub mod show;
pub mod verify;
pub mod watch;
