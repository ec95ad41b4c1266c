#include <policylint/cli/app.hpp>

int main(int argc, char** argv) { return policylint::cli::run(argc, argv); }
