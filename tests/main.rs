//! Integration tests: one binary, one module per area. Every server they
//! talk to runs on 127.0.0.1 on an ephemeral port.

mod architecture;
mod audit;
mod browser;
mod cli;
mod common;
mod diff;
mod fetch;
mod fuzz;
mod hints;
mod history;
mod hostile;
mod hosts;
mod input;
mod inputs;
mod interrupt;
mod notify;
mod options;
mod records;
mod resume;
mod shard;
mod walls;
