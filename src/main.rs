fn main() -> std::process::ExitCode {
    speca_docs::cli::main()
}
