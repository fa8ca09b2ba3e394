//! The binary AFL++ runs: `trivsel-fuzz TARGET`, reading inputs in AFL's
//! persistent mode and handing each to the target (see the library).

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = trivsel_fuzz::target(&name) else {
        let names: Vec<&str> = trivsel_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("usage: trivsel-fuzz TARGET ({})", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
