fn main() -> std::process::ExitCode {
    charter_tracker::cli::main()
}
