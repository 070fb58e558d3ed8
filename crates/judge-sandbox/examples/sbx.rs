//! Run one command in the sandbox and print the outcome:
//! `cargo run -p judge-sandbox --example sbx -- [--wall MS] [--cpu MS] [--mem KIB] PROGRAM ARGS...`
use judge_sandbox::{RunSpec, Sandbox};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(judge_sandbox::HELPER_SUBCOMMAND) {
        judge_sandbox::helper_main();
    }
    let mut spec = RunSpec::new("/bin/true", vec![], "/tmp");
    while args.len() >= 2 && args[0].starts_with("--") {
        let v: u64 = args[1].parse().expect("number");
        match args[0].as_str() {
            "--wall" => spec.wall_ms = v,
            "--cpu" => spec.cpu_ms = v,
            "--mem" => spec.memory_kib = Some(v),
            "--out" => spec.output_bytes = v,
            other => panic!("unknown flag {other}"),
        }
        args.drain(..2);
    }
    let work = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::new(std::env::current_exe().unwrap());
    if let Some(uid) = sandbox.uid() {
        std::os::unix::fs::chown(work.path(), Some(uid), Some(uid)).unwrap();
    }
    spec.program = args[0].clone().into();
    spec.argv = args.clone();
    spec.workdir = work.path().to_path_buf();
    spec.env = vec![("PATH".into(), "/usr/bin:/bin".into())];
    spec.reachable = vec!["/root/.pyenv/versions/3.11.7".into()];
    if std::env::var_os("SBX_NO_LANDLOCK").is_some() {
        spec.layers.landlock = false;
    }
    if std::env::var_os("SBX_NO_SECCOMP").is_some() {
        spec.layers.seccomp = false;
    }
    let t = std::time::Instant::now();
    match sandbox.run(&spec) {
        Ok(o) => {
            println!("{:?}", o.measurement);
            println!("stdout({}): {:?}", o.stdout.total, String::from_utf8_lossy(&o.stdout.data[..o.stdout.data.len().min(300)]));
            println!("stderr({}): {:?}", o.stderr.total, String::from_utf8_lossy(&o.stderr.data[..o.stderr.data.len().min(300)]));
            println!("layers: {:?}", o.layers);
        }
        Err(e) => println!("error: {e}"),
    }
    println!("judge wall {:?}", t.elapsed());
}
