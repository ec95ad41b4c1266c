#pragma once

namespace policylint::cli {

// The whole command line; returns the process exit code (see exit_codes.hpp).
int run(int argc, char** argv);

} // namespace policylint::cli
