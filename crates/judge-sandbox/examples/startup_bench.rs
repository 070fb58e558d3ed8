//! Benchmark: sandbox start-up cost. Median wall time of running `/bin/true`
//! per layer set, against a bare fork/exec of the same program in the same
//! run, in ms and as a ratio. Prints figures; asserts nothing.
//!
//! `cargo run --release -p judge-sandbox --example startup_bench [-- RUNS]`
use judge_sandbox::{Layers, RunSpec, Sandbox};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(judge_sandbox::HELPER_SUBCOMMAND) {
        judge_sandbox::helper_main();
    }
    let runs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100);
    let program = if std::path::Path::new("/bin/true").exists() { "/bin/true" } else { "/usr/bin/true" };
    let exe = std::env::current_exe().unwrap();
    let work = tempfile::tempdir().unwrap();

    let time = |f: &mut dyn FnMut()| -> f64 {
        for _ in 0..5 {
            f();
        }
        median((0..runs).map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        }).collect())
    };
    let bare = time(&mut || {
        std::process::Command::new(program).status().unwrap();
    });
    println!("sandbox start-up, median of {runs} runs of {program} (ms)");
    println!("  {:<38} {:>7.2} ms", "bare fork/exec (std::process::Command)", bare);

    let sets: [(&str, Layers, bool); 4] = [
        ("rlimits only", Layers::RLIMITS_ONLY, false),
        ("+ pid/mount/ipc/net namespaces", Layers { namespaces: true, network: true, landlock: false, seccomp: false }, false),
        ("+ Landlock + seccomp", Layers::default(), false),
        ("+ cgroups (memory, pids, cpuacct)", Layers::default(), true),
    ];
    for (name, layers, cgroups) in sets {
        let sandbox = Sandbox::with_cgroups(exe.clone(), cgroups);
        if let Some(uid) = sandbox.uid() {
            std::os::unix::fs::chown(work.path(), Some(uid), Some(uid)).unwrap();
        }
        let mut spec = RunSpec::new(program, vec!["true".into()], work.path());
        spec.layers = layers;
        let mut report = None;
        let t = time(&mut || {
            let o = sandbox.run(&spec).expect("sandboxed run");
            report = Some(o.layers);
        });
        println!("  {:<38} {:>7.2} ms  (+{:.2} ms over bare, {:.1}×)", name, t, t - bare, t / bare);
        if let Some(r) = report {
            if !r.missing.is_empty() {
                println!("      missing: {}", r.missing.join("; "));
            }
        }
    }
}
