// minisign formats: unit tests, and interop both ways with Debian's minisign.
#include "content/bundle_verify.hpp"
#include "content/minisign.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

using namespace content;
using test::q;

TEST_CASE("a generated key round-trips through its file formats") {
    auto sk = minisign::generate_key();
    auto pub = minisign::parse_public_key(minisign::format_public_key(sk.public_key()));
    REQUIRE(pub);
    CHECK(pub->key_id == sk.key_id);
    CHECK(pub->pk == sk.public_key().pk);
    auto sk2 = minisign::parse_secret_key(minisign::format_secret_key(sk), nullptr);
    REQUIRE(sk2);
    CHECK(sk2->sk == sk.sk);
}

TEST_CASE("key ids print as minisign prints them: little-endian - upper-case - not padded") {
    minisign::PublicKey k;
    k.key_id = {0x13, 0x1D, 0x10, 0x39, 0x84, 0xA3, 0x2F, 0x03};
    CHECK(k.key_id_hex() == "32FA38439101D13");
}

TEST_CASE("a signature verifies - and each altered part fails with its own reason") {
    auto sk = minisign::generate_key();
    minisign::Hasher h;
    h.update("hello", 5);
    auto hash = h.finish();
    auto sig = minisign::sign_prehashed(sk, hash, "timestamp:1\tfile:x\thashed");
    CHECK(minisign::verify_prehashed(sk.public_key(), sig, hash));

    SUBCASE("the data") {
        auto other = hash;
        other[0] ^= 1;
        auto r = minisign::verify_prehashed(sk.public_key(), sig, other);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == Reason::signature);
    }
    SUBCASE("the trusted comment") {
        auto bad = sig;
        bad.trusted_comment += "x";
        auto r = minisign::verify_prehashed(sk.public_key(), bad, hash);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == Reason::signature);
    }
    SUBCASE("the key") {
        auto r = minisign::verify_prehashed(minisign::generate_key().public_key(), sig, hash);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == Reason::key_mismatch);
    }
    SUBCASE("the legacy algorithm") {
        auto bad = sig;
        bad.algorithm = {'E', 'd'};
        auto r = minisign::verify_prehashed(sk.public_key(), bad, hash);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == Reason::legacy_signature);
    }
    SUBCASE("the text form round-trips") {
        auto parsed = minisign::parse_signature(minisign::format_signature(sig));
        REQUIRE(parsed);
        CHECK(minisign::verify_prehashed(sk.public_key(), *parsed, hash));
    }
}

TEST_CASE("malformed signature and key files are refused as format errors") {
    CHECK(minisign::parse_signature("").error().reason == Reason::format);
    CHECK(minisign::parse_signature("untrusted comment: x\nnot base64!!\ntrusted comment: y\nAAAA\n").error().reason == Reason::format);
    CHECK(minisign::parse_signature(std::string(20000, 'a')).error().reason == Reason::format);
    CHECK(minisign::parse_public_key("untrusted comment: x\nRWQ=\n").error().reason == Reason::format);
    CHECK(minisign::parse_secret_key("nonsense", nullptr).error().reason == Reason::format);
}

TEST_CASE("a public key file is its comment line and its key line - a bare key line is refused") {
    auto text = minisign::format_public_key(minisign::generate_key().public_key());
    REQUIRE(minisign::parse_public_key(text));
    auto nl = text.find('\n');
    const std::string comment = text.substr(0, nl), key = text.substr(nl + 1, text.size() - nl - 2);
    REQUIRE(key.rfind("RW", 0) == 0);
    CHECK(minisign::parse_public_key(comment + "\r\n" + key + "\r\n").has_value());  // CRLF is tolerated
    CHECK(minisign::parse_public_key(comment + "\n" + key).has_value());              // and so is no final newline
    for (const std::string& bad : {key, key + "\n", "\n" + key + "\n", comment + "\n", "# a comment\n" + key + "\n",
                                   comment + "\n" + key + "\n" + key + "\n", comment + "\n\n" + key + "\n"}) {
        CAPTURE(bad);
        auto r = minisign::parse_public_key(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().reason == Reason::format);
    }
}

TEST_CASE("signature files: extra CRs end a line as minisign reads it - bytes outside base64 are refused (found by fuzzing)") {
    auto sk = minisign::generate_key();
    minisign::Hasher h;
    h.update("hello", 5);
    auto hash = h.finish();
    std::string text = minisign::format_signature(minisign::sign_prehashed(sk, hash, "timestamp:1\tfile:x\thashed"));
    SUBCASE("CR CR LF line ends: the comment is read without them and verifies") {
        std::string crs;
        for (char c : text) crs += c == '\n' ? std::string("\r\r\n") : std::string(1, c);
        auto sig = minisign::parse_signature(crs);
        REQUIRE(sig);
        CHECK(sig->trusted_comment == "timestamp:1\tfile:x\thashed");
        CHECK(minisign::verify_prehashed(sk.public_key(), *sig, hash));
    }
    SUBCASE("a byte over 0x7F in a base64 line (libsodium 1.0.18 would decode it)") {
        std::size_t line2 = text.find('\n') + 1;
        text[line2 + 10] = '\x80';
        auto sig = minisign::parse_signature(text);
        REQUIRE_FALSE(sig);
        CHECK(sig.error().reason == Reason::format);
        std::string pub = minisign::format_public_key(sk.public_key());
        pub[pub.find('\n') + 5] = '\xC3';
        CHECK_FALSE(minisign::parse_public_key(pub));
    }
}

TEST_CASE("interop: a bundle signed by minisign -S verifies in our code") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    auto g = test::run("minisign -G -W -p " + q(t / "m.pub") + " -s " + q(t / "m.key"));
    REQUIRE_MESSAGE(g.rc == 0, g.out);
    auto s = test::run("minisign -S -s " + q(t / "m.key") + " -m " + q(b) + " </dev/null");
    REQUIRE_MESSAGE(s.rc == 0, s.out);
    auto pub = minisign::load_public_key(t / "m.pub");
    REQUIRE(pub);
    auto v = verify_bundle(b, signature_path_for(b), *pub, VerifyOptions{});
    CHECK_MESSAGE(v.has_value(), (v ? "" : v.error().line()));
    auto cli = test::run(test::bundle_exe() + " verify " + q(b) + " --pub " + q(t / "m.pub"));
    CHECK_MESSAGE(cli.rc == 0, cli.out);
}

TEST_CASE("interop: our signature verifies with minisign -V") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    auto s = test::run(test::bundle_exe() + " sign " + q(b) + " --key " + q(test::fixtures() / "test-signing.key"));
    REQUIRE_MESSAGE(s.rc == 0, s.out);
    auto v = test::run("minisign -V -m " + q(b) + " -p " + q(test::fixtures() / "test-signing.pub"));
    CHECK_MESSAGE(v.rc == 0, v.out);
    CHECK(v.out.find("Signature and comment signature verified") != std::string::npos);
    // and a tampered file fails in minisign too
    test::flip_byte(b, 5000);
    CHECK(test::run("minisign -V -m " + q(b) + " -p " + q(test::fixtures() / "test-signing.pub")).rc != 0);
}

TEST_CASE("interop: a key made by minisign -G -W signs with our tool - an encrypted key needs its password") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    REQUIRE(test::run("minisign -G -W -p " + q(t / "w.pub") + " -s " + q(t / "w.key")).rc == 0);
    auto s = test::run(test::bundle_exe() + " sign " + q(b) + " --key " + q(t / "w.key"));
    REQUIRE_MESSAGE(s.rc == 0, s.out);
    CHECK(test::run("minisign -V -m " + q(b) + " -p " + q(t / "w.pub")).rc == 0);

    REQUIRE(test::run("printf 'pw1234\\npw1234\\n' | minisign -G -p " + q(t / "e.pub") + " -s " + q(t / "e.key")).rc == 0);
    auto nopw = test::run("env -u KIOSK_BUNDLE_PASSWORD " + test::bundle_exe() + " sign " + q(b) + " --key " + q(t / "e.key"));
    CHECK(nopw.rc == 1);
    CHECK(nopw.out.find("E_USAGE") == 0);
    auto wrong = test::run("KIOSK_BUNDLE_PASSWORD=nope " + test::bundle_exe() + " sign " + q(b) + " --key " + q(t / "e.key"));
    CHECK(wrong.rc == 1);
    CHECK(wrong.out.find("E_KEY_MISMATCH") == 0);
    auto ok = test::run("KIOSK_BUNDLE_PASSWORD=pw1234 " + test::bundle_exe() + " sign " + q(b) + " --key " + q(t / "e.key"));
    REQUIRE_MESSAGE(ok.rc == 0, ok.out);
    CHECK(test::run("minisign -V -m " + q(b) + " -p " + q(t / "e.pub")).rc == 0);
}

TEST_CASE("interop: our public key file is readable by minisign and vice versa") {
    test::TempDir t;
    REQUIRE(test::run(test::bundle_exe() + " keygen --out " + q(t / "ours")).rc == 0);
    auto text = test::read_all(t / "ours.pub");
    auto pk = minisign::parse_public_key(text);
    REQUIRE(pk);
    CHECK(text.find("minisign public key " + pk->key_id_hex()) != std::string::npos);
    REQUIRE(test::run("minisign -G -W -p " + q(t / "m.pub") + " -s " + q(t / "m.key")).rc == 0);
    CHECK(minisign::load_public_key(t / "m.pub").has_value());
}
