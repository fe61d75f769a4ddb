//! Runs a build in its own process group and watches the group's resident
//! memory, because a hand-written 10,000-variant serde enum can take more
//! memory than the machine has: the kernel's OOM killer then picks a victim,
//! which may be someone else's process. Past a limit this stops the build
//! itself and says so.

use std::os::unix::process::CommandExt as _;
use std::process::Command;
use std::time::{Duration, Instant};

/// Resident memory the build may use before it is stopped.
pub const LIMIT_BYTES: u64 = 12 << 30;

pub struct Watched {
    pub elapsed: Duration,
    pub peak_bytes: u64,
    /// Stopped at [`LIMIT_BYTES`] rather than finished.
    pub stopped: bool,
}

pub fn run(mut command: Command) -> Result<Watched, String> {
    let start = Instant::now();
    let mut child = command
        .process_group(0)
        .spawn()
        .map_err(|e| format!("could not run {command:?}: {e}"))?;
    let group = child.id();
    let mut peak_bytes = 0;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if !status.success() {
                return Err(format!("{command:?} failed ({status})"));
            }
            return Ok(Watched {
                elapsed: start.elapsed(),
                peak_bytes,
                stopped: false,
            });
        }
        peak_bytes = peak_bytes.max(group_rss(group));
        if peak_bytes > LIMIT_BYTES {
            // The group is ours: cargo and the rustc it started.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{group}")])
                .status();
            let _ = child.wait();
            return Ok(Watched {
                elapsed: start.elapsed(),
                peak_bytes,
                stopped: true,
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Total resident memory of the processes in process group `group`.
fn group_rss(group: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let page = 4096;
    entries
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("stat")).ok())
        .filter_map(|stat| {
            // Fields after the command name, which is in parentheses and may
            // hold spaces: state, ppid, pgrp, ... rss is the 22nd of them.
            let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
            let pgrp: u32 = fields.get(2)?.parse().ok()?;
            let rss: u64 = fields.get(21)?.parse().ok()?;
            (pgrp == group).then_some(rss * page)
        })
        .sum()
}
