// minisign format unit tests (interop with the real binary is in test_interop).
#include "content/minisign.hpp"

#include <doctest/doctest.h>

using namespace content;

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
