// The shared config / credentials file parser on a corpus of valid and
// malformed files (the SDKs' shared-file rules, the CLI's case rules),
// written to a temporary directory and loaded as a user's files would be.
#include <awscoro/aws_config_file.hpp>

#include "support/scoped_env.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace awscoro;
using awscoro::test::scoped_env;
using awscoro::test::temp_dir;

namespace {

// "[name] k=v k2=v2 s3{a=b}" per section, so a case's expectation is one line.
std::string render(const std::map<std::string, aws_config_section, std::less<>>& sections)
{
    std::string out;
    for (const auto& [name, section] : sections) {
        out += (out.empty() ? "[" : " [") + name + "]";
        for (const auto& [k, v] : section.values) {
            const auto sub = section.sub_values.find(k);
            if (sub == section.sub_values.end()) {
                out += " " + k + "=" + v;
                continue;
            }
            out += " " + k + "{";
            for (const auto& [sk, sv] : sub->second)
                out += (out.back() == '{' ? "" : " ") + sk + "=" + sv;
            out += "}";
        }
    }
    return out;
}

struct file_case {
    const char* name;
    const char* config;       // nullptr: no such file
    const char* credentials;  // nullptr: no such file
    const char* profiles;     // rendered; or, when error is set, ignored
    const char* error = nullptr;  // expected "file:line: ..." suffix, e.g. "config:2: expected"
};

const file_case corpus[] = {
    {"no files", nullptr, nullptr, ""},
    {"empty files", "", "", ""},
    {"empty profile", "[profile foo]", nullptr, "[foo]"},
    {"default and named", "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n", nullptr,
     "[default] region=us-east-1 [dev] region=eu-west-1"},
    {"credentials file names profiles bare", nullptr, "[default]\naws_access_key_id = A\n[dev]\naws_access_key_id = B\n",
     "[default] aws_access_key_id=A [dev] aws_access_key_id=B"},
    {"profile names trimmed, tabs separate", "[  profile \tfoo \t]\n[profile\tbar]", nullptr, "[bar] [foo]"},
    {"CRLF line endings", "[profile foo]\r\nname = value\r\n", nullptr, "[foo] name=value"},
    {"UTF-8 byte order mark", "\xEF\xBB\xBF[default]\nregion = x", nullptr, "[default] region=x"},
    {"equals signs in values", "[profile foo]\nname = val=ue", nullptr, "[foo] name=val=ue"},
    {"keys and values trimmed", "[profile foo]\nname \t=  \tvalue \t", nullptr, "[foo] name=value"},
    {"empty value", "[profile foo]\nname =", nullptr, "[foo] name="},
    {"keys are case-insensitive (lower-cased), as the CLI", "[profile foo]\nRegion = x\nREGION = y", nullptr,
     "[foo] region=y"},
    {"section names are case-sensitive", "[profile Foo]\na = 1\n[Default]\nb = 2", nullptr, "[Foo] a=1"},
    {"comment lines", "# top\n; top\n[profile foo]\n  # indented comment\nname = value\n", nullptr, "[foo] name=value"},
    {"comments after a header need no whitespace", "[profile foo]# c\n[profile bar] ; c\n[profile baz];", nullptr,
     "[bar] [baz] [foo]"},
    {"a comment after a value needs whitespace", "[profile foo]\na = v # c\nb = v;not\nc = v\t; c\nd = x#y ;z",
     nullptr, "[foo] a=v b=v;not c=v d=x#y"},
    {"values are not unquoted", "[profile foo]\na = \"quoted\"", nullptr, "[foo] a=\"quoted\""},
    {"continuation lines", "[profile foo]\nname = value\n -continued\n\t -and more # kept\n", nullptr,
     "[foo] name=value\n-continued\n-and more # kept"},
    {"sub-settings", "[profile foo]\ns3 =\n  max_concurrent_requests = 20\n\n  Addressing_Style = path\nregion = r",
     nullptr, "[foo] region=r s3{Addressing_Style=path max_concurrent_requests=20}"},
    {"continuations and sub-settings in sequence", "[default]\nname = v1\n v2 = 12\n v3\nname2 = x\nname3 =\n a = 1",
     nullptr, "[default] name=v1\nv2 = 12\nv3 name2=x name3{a=1}"},
    {"sub-setting with an invalid name is ignored", "[profile foo]\ns3 =\n in valid = 1\n ok = 2", nullptr,
     "[foo] s3{ok=2}"},
    {"a key redefined replaces its sub-settings", "[profile foo]\ns3 =\n a = 1\ns3 = flat", nullptr, "[foo] s3=flat"},
    {"duplicate keys: the last wins", "[profile foo]\nname = 1\nname = 2", nullptr, "[foo] name=2"},
    {"duplicate sections merge", "[profile foo]\na = 1\nb = 1\n[profile bar]\n[profile foo]\nb = 2", nullptr,
     "[bar] [foo] a=1 b=2"},
    {"[profile default] wins over [default], first", "[profile default]\na = 1\n[default]\nb = 2", nullptr,
     "[default] a=1"},
    {"[profile default] wins over [default], last", "[default]\nb = 2\n[profile default]\na = 1", nullptr,
     "[default] a=1"},
    {"[default] alone is the default profile", "[default]\nb = 2", nullptr, "[default] b=2"},
    {"the credentials file wins over the config file", "[profile foo]\na = config\nb = config",
     "[foo]\na = credentials", "[foo] a=credentials b=config"},
    {"mixed default prefixes merge with credentials", "[profile default]\na = 1\n[default]\nb = 2",
     "[default]\nc = 3", "[default] a=1 c=3"},
    {"config profiles need the prefix", "[foo]\na = 1\n[profilefoo]\nb = 2", nullptr, ""},
    {"credentials profiles must not have it", nullptr, "[profile foo]\na = 1", ""},
    {"invalid profile names are ignored", "[profile in valid]\na = 1\n[profile ok]\nb = 2", "[in valid]\nc = 3",
     "[ok] b=2"},
    {"all valid name characters", "[profile AZaz09-_/.%@:+]\nAZaz09-_ = v", nullptr, "[AZaz09-_/.%@:+] azaz09-_=v"},
    {"invalid key names are ignored", "[profile foo]\nin valid = 1\nok = 2", nullptr, "[foo] ok=2"},
    {"unknown section kinds are read and ignored", "[plugins cli]\nx = 1\n y = 2\n[default]\na = 1", nullptr,
     "[default] a=1"},
    {"unicode values", "[profile foo]\nname = \xF0\x9F\x98\x82", nullptr, "[foo] name=\xF0\x9F\x98\x82"},

    // Malformed: the first bad line fails the whole file, naming it.
    {"setting before any section", "name = value", nullptr, "", "config:1: a setting before any [section] header"},
    {"unclosed section header", "\n[profile foo", nullptr, "", "config:2: a section header has no closing ']'"},
    {"text after the header", "[profile foo] junk", nullptr, "", "config:1: unexpected text after"},
    {"no equals sign", "[profile foo]\nkey : value", nullptr, "", "config:2: expected 'key = value'"},
    {"empty key", "[profile foo]\n= value", nullptr, "", "config:2: a setting has no name"},
    {"continuation outside a section", " -continued", nullptr, "", "config:1: an indented line before any"},
    {"continuation with nothing to continue", "[profile foo]\n -continued", nullptr, "",
     "config:2: an indented line that continues no setting"},
    {"continuations reset at a header", "[profile foo]\na = 1\n[profile foo]\n -continued", nullptr, "",
     "config:4: an indented line that continues no setting"},
    {"a sub-setting without '='", "[profile foo]\ns3 =\n invalid", nullptr, "",
     "config:3: expected 'key = value' in the sub-settings of 's3'"},
    {"a sub-setting without a name", "[profile foo]\ns3 =\n = value", nullptr, "",
     "config:3: a sub-setting of 's3' has no name"},
    {"sso-session in the credentials file", nullptr, "[sso-session s]\na = 1", "",
     "credentials:1: sso-session sections belong in the config file"},
    {"malformed credentials file", "[default]\na = 1", "[default]\n\nbroken line", "",
     "credentials:3: expected 'key = value'"},
};

}  // namespace

TEST_CASE("aws config files: a corpus of valid and malformed files")
{
    for (const auto& c : corpus) {
        CAPTURE(c.name);
        temp_dir dir;
        shared_config_options files{.profile = "default",
                                    .config_file = (dir.path() / "config").string(),
                                    .credentials_file = (dir.path() / "credentials").string()};
        if (c.config != nullptr)
            dir.write("config", c.config);
        if (c.credentials != nullptr)
            dir.write("credentials", c.credentials);
        aws_config_data data;
        data.profiles["stale"] = {};  // left alone on failure, replaced on success
        std::string error;
        const bool ok = load_aws_config(files, data, error);
        if (c.error != nullptr) {
            CHECK_FALSE(ok);
            CHECK(error.starts_with(dir.path().string() + "/"));
            CHECK(error.find(c.error) != std::string::npos);
            CHECK(data.profiles.count("stale") == 1);
        } else {
            REQUIRE_MESSAGE(ok, error);
            CHECK(render(data.profiles) == c.profiles);
        }
    }
}

TEST_CASE("aws config files: services and sso-session sections")
{
    aws_config_data data;
    std::string error;
    const char* text =
        "[default]\nservices = local\n[services local]\nsagemaker =\n  endpoint_url = http://127.0.0.1:1\n"
        "[sso-session corp]\nsso_region = us-east-1\n[sso-session]\nx = 1\n[services in valid]\ny = 2\n";
    REQUIRE(parse_aws_config(text, aws_file_kind::config, "config", data, error));
    CHECK(render(data.profiles) == "[default] services=local");
    CHECK(render(data.services) == "[local] sagemaker{endpoint_url=http://127.0.0.1:1}");
    CHECK(render(data.sso_sessions) == "[corp] sso_region=us-east-1");
    const auto& local = data.services.at("local");
    REQUIRE(local.find("sagemaker", "endpoint_url") != nullptr);
    CHECK(*local.find("sagemaker", "endpoint_url") == "http://127.0.0.1:1");
    CHECK(local.find("sagemaker", "region") == nullptr);
    CHECK(local.find("s3", "endpoint_url") == nullptr);
    CHECK(data.profiles.at("default").find("region") == nullptr);
}

TEST_CASE("aws config files: warnings name file and line, never a value")
{
    aws_config_data data;
    std::string error;
    REQUIRE(parse_aws_config("[foo]\nsecret = hunter2\n[profile ok]\nin valid = hunter2\n", aws_file_kind::config,
                             "/home/u/.aws/config", data, error));
    REQUIRE(data.warnings.size() == 2);
    CHECK(data.warnings[0].starts_with("/home/u/.aws/config:1: section ignored"));
    CHECK(data.warnings[1].starts_with("/home/u/.aws/config:4: setting ignored"));
    for (const auto& w : data.warnings)
        CHECK(w.find("hunter2") == std::string::npos);
}

TEST_CASE("aws config files: errors never quote a value")
{
    aws_config_data data;
    std::string error;
    CHECK_FALSE(parse_aws_config("[default]\naws_secret_access_key wJalrXUtnFEMI", aws_file_kind::credentials, "c",
                                 data, error));
    CHECK(error == "c:2: expected 'key = value'");
}

TEST_CASE("aws config files: arbitrary bytes never crash the parser")
{
    // Every prefix of a tricky file, and some binary noise.
    const std::string tricky = "[profile a]\r\ns3 =\n x = 1\n\t\n y\n[default\n=\n \n;\n#\n[]\n[profile ]\nk=v ;c";
    for (std::size_t n = 0; n <= tricky.size(); ++n) {
        aws_config_data data;
        std::string error;
        (void)parse_aws_config(tricky.substr(0, n), aws_file_kind::config, "f", data, error);
    }
    std::string noise;
    for (int i = 0; i < 4096; ++i)
        noise.push_back(static_cast<char>((i * 7919) % 256));
    aws_config_data data;
    std::string error;
    (void)parse_aws_config(noise, aws_file_kind::credentials, "f", data, error);
    CHECK((error.empty() || error.starts_with("f:")));
}

TEST_CASE("aws config files: locations from options, the environment, then ~/.aws")
{
    scoped_env env;
    env.clear_aws().set("HOME", "/home/user");
    auto r = resolve_shared_config({});
    CHECK(r.profile == "default");
    CHECK(r.config_file == "/home/user/.aws/config");
    CHECK(r.credentials_file == "/home/user/.aws/credentials");

    env.set("AWS_PROFILE", "dev").set("AWS_CONFIG_FILE", "~/cfg").set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds");
    r = resolve_shared_config({});
    CHECK(r.profile == "dev");
    CHECK(r.config_file == "/home/user/cfg");
    CHECK(r.credentials_file == "/etc/creds");

    r = resolve_shared_config({.profile = "cli", .config_file = "/x/config", .credentials_file = ""});
    CHECK(r.profile == "cli");
    CHECK(r.config_file == "/x/config");
    CHECK(r.credentials_file == "/etc/creds");
}

TEST_CASE("aws config files: an unreadable file is an error, a missing one is not")
{
    temp_dir dir;
    aws_config_data data;
    std::string error;
    const shared_config_options missing{.profile = "default",
                                        .config_file = (dir.path() / "nope" / "config").string(),
                                        .credentials_file = (dir.path() / "credentials").string()};
    CHECK(load_aws_config(missing, data, error));
    const shared_config_options directory{.profile = "default",
                                          .config_file = dir.path().string(),
                                          .credentials_file = (dir.path() / "credentials").string()};
    CHECK_FALSE(load_aws_config(directory, data, error));
    CHECK(error.starts_with(dir.path().string() + ": cannot be read"));
}
