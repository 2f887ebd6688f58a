// Scale generator for the benchmarks: makes a synthetic, signed bundle with
// realistic shapes (N library documents of 5-20 KB of text drawn from a
// Zipf-weighted vocabulary, page images, localities with indicators over
// periods, training modules). Words come from the demo content, so common
// words match thousands of documents, as in a real library.
// usage: bench_gen --docs N [--page-docs P] [--image-kb K] --key KEY --out F.kbundle --vocab DIR
#include "content/bundle_builder.hpp"
#include "content/file_io.hpp"
#include "content/minisign.hpp"
#include "content/source_folder.hpp"

#include <stb_image_write.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>

namespace fs = std::filesystem;
using namespace content;

namespace {

std::vector<std::string> vocabulary(const fs::path& dir) {
    std::map<std::string, int> counts;
    for (auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().extension() != ".md") continue;
        auto t = file_io::read_file(e.path(), 1 << 24);
        if (!t) continue;
        std::string w;
        for (char c : *t + " ") {
            if (std::isalpha(static_cast<unsigned char>(c))) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            else {
                if (w.size() >= 2) counts[w]++;
                w.clear();
            }
        }
    }
    std::vector<std::pair<int, std::string>> v;
    for (auto& [w, n] : counts) v.emplace_back(-n, w);
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto& [n, w] : v) out.push_back(w);
    return out;
}

struct Zipf {
    std::vector<double> cdf;
    explicit Zipf(std::size_t n) {
        double s = 0;
        for (std::size_t i = 1; i <= n; ++i) cdf.push_back(s += 1.0 / static_cast<double>(i));
        for (auto& c : cdf) c /= s;
    }
    std::size_t operator()(std::mt19937_64& rng) const {
        double u = std::uniform_real_distribution<double>(0, 1)(rng);
        return static_cast<std::size_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    }
};

std::string sentence(const std::vector<std::string>& vocab, const Zipf& z, std::mt19937_64& rng, int words) {
    std::string s;
    for (int i = 0; i < words; ++i) {
        std::string w = vocab[z(rng)];
        if (i == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
        s += (i ? " " : "") + w;
    }
    return s + ".";
}

std::vector<std::uint8_t> page_png(int w, int h, std::mt19937_64& rng) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w * h * 3));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            bool ink = (y / 14) % 2 == 0 && x > 40 && x < w - 40 && (rng() % 3 == 0);
            std::uint8_t v = ink ? static_cast<std::uint8_t>(40 + rng() % 60) : static_cast<std::uint8_t>(240 + rng() % 15);
            px[static_cast<std::size_t>((y * w + x) * 3)] = v;
            px[static_cast<std::size_t>((y * w + x) * 3 + 1)] = v;
            px[static_cast<std::size_t>((y * w + x) * 3 + 2)] = v;
        }
    std::vector<std::uint8_t> out;
    stbi_write_png_to_func(
        [](void* ctx, void* data, int size) {
            auto* o = static_cast<std::vector<std::uint8_t>*>(ctx);
            o->insert(o->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
        },
        &out, w, h, 3, px.data(), w * 3);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t docs = 1000, page_docs = 20;
    int image_kb = 0;
    std::string key, out, vocab_dir, channel = "bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i], v = argv[i + 1];
        if (a == "--docs") docs = std::stoul(v);
        else if (a == "--page-docs") page_docs = std::stoul(v);
        else if (a == "--image-kb") image_kb = std::stoi(v);
        else if (a == "--key") key = v;
        else if (a == "--out") out = v;
        else if (a == "--vocab") vocab_dir = v;
        else if (a == "--channel") channel = v;
    }
    if (key.empty() || out.empty() || vocab_dir.empty()) {
        std::cerr << "usage: bench_gen --docs N [--page-docs P] [--image-kb K] --key KEY --out F.kbundle --vocab DIR [--channel NAME]\n";
        return 2;
    }
    auto vocab = vocabulary(vocab_dir);
    Zipf zipf(vocab.size());
    std::mt19937_64 rng(42);
    SourceBundle sb;
    sb.channel = channel;
    sb.version = 1;
    sb.title = "Synthetic benchmark bundle (" + std::to_string(docs) + " documents)";
    sb.expires = "2099-01-01T00:00:00Z";
    sb.created = "2026-01-01T00:00:00Z";
    sb.min_kiosk_version = "0.1.0";
    // Figures: an area, 8 localities, 12 indicators, 8 periods.
    sb.localities.push_back({"area", "Synthetic area", "area", "", 0, ""});
    for (int l = 0; l < 8; ++l) sb.localities.push_back({"loc" + std::to_string(l), "Locality " + std::to_string(l), "locality", "area", l + 1, ""});
    for (int p = 0; p < 8; ++p)
        sb.periods.push_back({"p" + std::to_string(p), std::to_string(2017 + p) + "/" + std::to_string(18 + p), std::to_string(2017 + p) + "-04-01",
                              std::to_string(2018 + p) + "-03-31", p});
    for (int k = 0; k < 12; ++k) {
        Indicator ind;
        ind.id = "ind" + std::to_string(k);
        ind.title = "Indicator " + std::to_string(k);
        ind.definition = "A synthetic indicator.";
        ind.source = "Synthetic";
        ind.unit = Unit::count;
        ind.polarity = k % 2 ? Polarity::lower_is_better : Polarity::higher_is_better;
        ind.additive = true;
        sb.indicators.push_back(ind);
        for (auto& p : sb.periods) {
            double total = 0;
            for (int l = 0; l < 8; ++l) {
                double v = 20 + static_cast<double>(rng() % 200);
                total += v;
                sb.values.push_back({ind.id, "loc" + std::to_string(l), p.id, v, "", "", 0});
            }
            sb.values.push_back({ind.id, "area", p.id, total, "", "", 0});
        }
    }
    // Library documents of 5-20 KB.
    const char* cats[] = {"statutory-guidance", "annual-report", "business-plan", "policy", "inspection", "action-plan", "minutes", "newsletter"};
    for (std::size_t d = 0; d < docs; ++d) {
        Document doc;
        doc.id = "doc-" + std::to_string(d);
        doc.title = sentence(vocab, zipf, rng, 6);
        doc.title.pop_back();
        doc.category = cats[d % 8];
        doc.organisation = "Organisation " + std::to_string(d % 17);
        doc.published = std::to_string(2010 + d % 15) + "-0" + std::to_string(1 + d % 9) + "-15";
        if (d % 5 == 0) doc.review_date = std::to_string(2015 + d % 12) + "-01-01";
        doc.summary = sentence(vocab, zipf, rng, 20);
        std::size_t target = 5000 + rng() % 15000;
        std::string body;
        int section = 0;
        while (body.size() < target) {
            body += "## Section " + std::to_string(++section) + "\n\n";
            for (int para = 0; para < 3; ++para) {
                for (int s = 0; s < 4; ++s) body += sentence(vocab, zipf, rng, 8 + static_cast<int>(rng() % 12)) + " ";
                body += "\n\n";
            }
        }
        doc.body_md = body;
        sb.documents.push_back(std::move(doc));
    }
    // Page-image documents.
    for (std::size_t d = 0; d < page_docs; ++d) {
        Document doc;
        doc.id = "scan-" + std::to_string(d);
        doc.title = "Scanned report " + std::to_string(d);
        doc.category = "report";
        doc.organisation = "Scans";
        doc.published = "2020-01-01";
        doc.summary = "A scanned report.";
        for (int p = 1; p <= 3; ++p) {
            std::string img_id = doc.id + ".page-" + std::to_string(p);
            int side = image_kb > 0 ? static_cast<int>(std::sqrt(image_kb * 1024.0 / 1.2)) : 600;
            auto png = page_png(side, static_cast<int>(side * 1.3), rng);
            sb.images.push_back(Image{img_id, "image/png", "Page " + std::to_string(p), side, static_cast<int>(side * 1.3), png});
            doc.pages.push_back(DocPage{p, img_id, sentence(vocab, zipf, rng, 60)});
        }
        sb.documents.push_back(std::move(doc));
    }
    // Training modules.
    for (int m = 0; m < 4; ++m) {
        Module mod;
        mod.id = "module-" + std::to_string(m);
        mod.title = "Module " + std::to_string(m);
        mod.audience = "Everyone";
        mod.duration_min = 60;
        mod.outcomes = {"Outcome one", "Outcome two"};
        for (int s = 1; s <= 20; ++s) {
            Slide sl;
            sl.ord = s;
            sl.title = "Slide " + std::to_string(s);
            sl.body_md = sentence(vocab, zipf, rng, 30);
            sl.notes = sentence(vocab, zipf, rng, 20);
            if (s % 5 == 0) sl.question = Question{"Which?", {"A", "B", "C"}, 1, "Because."};
            mod.slides.push_back(sl);
        }
        sb.modules.push_back(std::move(mod));
    }
    auto r = build_bundle_from_model(sb, out);
    if (!r) {
        std::cerr << r.error().line() << "\n";
        return 1;
    }
    auto sk = minisign::load_secret_key(key, nullptr);
    auto h = minisign::hash_file(out);
    if (!sk || !h) return 1;
    auto sig = minisign::sign_prehashed(*sk, *h, minisign::default_trusted_comment(0, fs::path(out).filename().string()));
    if (!file_io::write_file_atomic(out + ".minisig", minisign::format_signature(sig))) return 1;
    std::cout << "bench_gen: " << out << " " << fs::file_size(out) / (1024 * 1024) << " MB, " << docs << " documents, " << page_docs * 3 << " page images\n";
    return 0;
}
