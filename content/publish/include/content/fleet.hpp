// Why this file exists: a council runs several kiosks. The officer who writes
// the board's report enrols each kiosk's public device key (from
// `kiosk --device-key`) under a name, in a small SQLite file the officer owns.
// `kiosk-bundle report` trusts an export only if it is signed by an enrolled
// device. Publisher side only; the kiosk never links this.
#pragma once
#include "content/error.hpp"
#include "content/minisign.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace content {

namespace sql { class Db; }

struct EnrolledDevice {
    minisign::PublicKey key;
    std::string name;
    std::string enrolled_at;  // UTC
};

// The enrolment file. One per officer; one thread at a time.
class DeviceRegistry {
public:
    // Opens (creating if needed) the registry at `path`. E_IO if the folder
    // cannot be written, E_CORRUPT/E_FORMAT if the file is not a registry.
    [[nodiscard]] static Result<DeviceRegistry> open(const std::filesystem::path& path);
    DeviceRegistry(DeviceRegistry&&) noexcept;
    DeviceRegistry& operator=(DeviceRegistry&&) noexcept;
    ~DeviceRegistry();

    // Enrols `key` as `name`. Refuses (E_USAGE) an empty name or one already
    // used by another key; re-enrolling the same key renames it.
    [[nodiscard]] Status add(const minisign::PublicKey& key, const std::string& name);
    // Removes the device with this key id (hex) or name. E_NOT_FOUND if none.
    [[nodiscard]] Status remove(const std::string& key_id_or_name);
    [[nodiscard]] Result<std::vector<EnrolledDevice>> list();
    // The enrolled device with this key id, if any.
    [[nodiscard]] Result<std::optional<EnrolledDevice>> find(const minisign::KeyId& id);

private:
    explicit DeviceRegistry(std::unique_ptr<sql::Db> db);
    std::unique_ptr<sql::Db> m_db;
};

// $XDG_DATA_HOME/kiosk-bundle/devices.db, else ~/.local/share/kiosk-bundle/devices.db.
[[nodiscard]] std::filesystem::path default_registry_path();

} // namespace content
