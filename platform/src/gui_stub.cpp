// Temporary: replaced by the GUI host.
#include "options.hpp"
#include <iostream>
namespace platform {
int run_gui(const Options&) {
    std::cerr << "E_USAGE: the GUI is not built yet\n";
    return 1;
}
}
