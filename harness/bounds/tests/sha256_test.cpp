#include <catch2/catch.hpp>

#include <string>

#include "parity/bounds/sha256.hpp"

using parity::bounds::Sha256;
using parity::bounds::sha256_hex;

TEST_CASE("sha256 of the FIPS 180-4 examples", "[sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 streamed in uneven pieces equals the hash of the whole", "[sha256]") {
    std::string text;
    for (int i = 0; i < 1000; ++i) {
        text += std::to_string(i * 7919) + ",";
    }
    Sha256 streamed;
    std::size_t at = 0;
    for (std::size_t piece = 1; at < text.size(); piece = piece * 3 % 131 + 1) {
        const std::size_t taken = std::min(piece, text.size() - at);
        streamed.update(std::string_view(text).substr(at, taken));
        at += taken;
    }
    CHECK(streamed.hex_digest() == sha256_hex(text));
}

TEST_CASE("sha256 of lengths around the padding boundary", "[sha256]") {
    // 55 bytes fit one block with the length; 56 need a second.
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}
