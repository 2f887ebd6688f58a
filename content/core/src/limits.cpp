// The library's categories; see limits.hpp.
#include "content/limits.hpp"

namespace content {

const std::vector<DocumentCategory>& document_categories() {
    static const std::vector<DocumentCategory> all = {
        {"statutory-guidance", "Statutory guidance"}, {"annual-report", "Annual report"},
        {"business-plan", "Business plan"},           {"policy", "Policy or procedure"},
        {"inspection", "Inspection"},                 {"action-plan", "Action plan"},
        {"minutes", "Minutes"},                       {"newsletter", "Newsletter"},
        {"training-material", "Training material"},   {"report", "Report"},
        {"childrens-voice", "Children's voice"},
    };
    return all;
}

std::string_view category_label(std::string_view id) {
    for (const auto& c : document_categories())
        if (c.id == id) return c.label;
    return "Report";
}

} // namespace content
