fn main() {
    std::process::exit(hyoka::cli::main());
}
