// The kiosk's side of the export protocol with the appliance's stick helper
// (packaging/member-kiosk-mount serve): ask, write, hand back. A fake helper
// on a real Unix socket answers as the real one does.
#include "writable_stick.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <thread>

namespace {

// Serves one connection: reads lines, answers with `replies` in order, and
// records what it was sent.
struct FakeHelper {
    int listen_fd = -1;
    std::thread th;
    std::string got;

    FakeHelper(const std::filesystem::path& path, std::vector<std::string> replies) {
        listen_fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
        REQUIRE(::bind(listen_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(listen_fd, 1) == 0);
        th = std::thread([this, replies] {
            int c = ::accept(listen_fd, nullptr, nullptr);
            char buf[256];
            for (const auto& r : replies) {
                ssize_t n = ::read(c, buf, sizeof buf);
                if (n <= 0) break;
                got.append(buf, static_cast<std::size_t>(n));
                std::string l = r + "\n";
                (void)!::write(c, l.data(), l.size());
            }
            ::close(c);
        });
    }
    ~FakeHelper() {
        if (th.joinable()) th.join();
        ::close(listen_fd);
    }
};

} // namespace

TEST_CASE("writable stick: no helper socket (a desktop) means the folder is used as it is") {
    test::TempDir t;
    auto w = platform::WritableStick::open(t / "sdb1", t / "no.sock");
    REQUIRE(w);
    CHECK_FALSE(w->through_helper());
    CHECK(w->finish());
}

TEST_CASE("writable stick: asks for the stick by name - then hands it back read-only") {
    test::TempDir t;
    std::string got;
    {
        FakeHelper h(t / "s.sock", {"ok /media/member-kiosk/sdb1", "ok ro"});
        auto w = platform::WritableStick::open("/media/member-kiosk/sdb1", t / "s.sock");
        REQUIRE(w);
        CHECK(w->through_helper());
        CHECK(w->finish());
        h.th.join();
        got = h.got;
    }
    CHECK(got == "export sdb1\ndone\n");
}

TEST_CASE("writable stick: the helper's refusal comes back with its code and sentence") {
    test::TempDir t;
    FakeHelper h(t / "s.sock", {"E_NO_DEVICE: /media/member-kiosk/sdz9 is not a stick mounted by the kiosk"});
    auto w = platform::WritableStick::open("/media/member-kiosk/sdz9", t / "s.sock");
    REQUIRE_FALSE(w);
    CHECK(w.error().reason == content::Reason::io);
    CHECK(w.error().message.find("E_NO_DEVICE") != std::string::npos);
}

TEST_CASE("writable stick: dropped without finish - it still hands the stick back") {
    test::TempDir t;
    std::string got;
    {
        FakeHelper h(t / "s.sock", {"ok /media/member-kiosk/sdc1", "ok ro"});
        {
            auto w = platform::WritableStick::open("/media/member-kiosk/sdc1", t / "s.sock");
            REQUIRE(w);
        }
        h.th.join();
        got = h.got;
    }
    CHECK(got == "export sdc1\ndone\n");
}
