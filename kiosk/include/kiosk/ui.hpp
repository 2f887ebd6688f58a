// Why this file exists: the small set of types every view shares (the ImHex
// idea of a small common base). A view draws from models and returns what
// the user asked for; it never touches SQLite or the filesystem. What views
// need from the device (settings, PIN, import, export) comes through the
// Services interface, which the platform implements.
#pragma once
#include "content/catalog.hpp"
#include "content/error.hpp"
#include "kiosk/device_info.hpp"

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* heading = nullptr;   // section headings
    ImFont* title = nullptr;     // screen titles, big figures
    ImFont* slide = nullptr;     // projection size
    // Changes every time the fonts are rebuilt (text size or theme): anything
    // that keeps ImFont pointers (a laid-out document) must lay out again.
    unsigned generation = 0;
};

// A texture for an image in the content, or 0 while it is still decoding.
class TextureProvider {
public:
    virtual ~TextureProvider() = default;
    // Returns the texture id for `image_id`, starting a decode if needed.
    // Fills width/height when known. Returns nullptr while not ready.
    virtual ImTextureID texture(const std::string& image_id, int& width, int& height) = 0;
};

struct UsbOffer {
    std::string path, channel, title;
    std::int64_t version = 0, installed_version = 0;
    std::string note;  // e.g. "newer than installed", or why it cannot be read
};

struct ImportStatus {
    bool running = false;
    std::string stage;
    std::uint64_t bytes_done = 0, bytes_total = 0;
    std::vector<std::string> results;  // plain-English outcome lines
};

// An export to USB running on a worker.
struct ExportStatus {
    bool running = false;
    std::size_t files_done = 0, files_total = 0;
    std::optional<content::Result<std::string>> outcome;  // set once finished: the sentence, or why not
};

// One line of the device's audit log, as the admin screen lists it.
struct AuditRow {
    std::string at, action, channel, result, detail;
    std::int64_t version = 0;
};

// A publisher key trusted on this kiosk, as the admin screen lists it.
struct KeyRow {
    std::string key_id;  // hex, as minisign prints it
    std::vector<std::string> channels;
    std::string added, label;
};

// What the views may ask of the device. Implemented by the platform (and by a
// fake in tests). Every member is called on the UI thread only. Nothing here
// blocks for long: imports, the Argon2id PIN check and exports run on
// workers (start_*, then poll). Lists (audit, keys) are read from the state
// database on each call: callers cache them. Failures come back as
// content::Error (a stable reason code and a sentence for the screen).
class Services {
public:
    virtual ~Services() = default;
    virtual std::string setting(const std::string& key, const std::string& fallback) = 0;
    virtual void set_setting(const std::string& key, const std::string& value) = 0;
    // Starts checking a PIN on a worker (Argon2id takes about 0.5-0.8 s on a
    // Pi); ignored while a check is running.
    virtual void start_pin_check(const std::string& pin) = 0;
    // The finished check, once (then nullopt again); nullopt while running or
    // when none was started. E_PIN (wrong, with attempts left) or E_LOCKED (wait N s).
    [[nodiscard]] virtual std::optional<content::Status> take_pin_result() = 0;
    // Starts setting the admin PIN on the PIN worker: the first PIN when
    // old_pin is empty (refused with E_PIN once one is set), else a change
    // after checking old_pin (E_PIN / E_LOCKED as for a check). The result
    // comes through take_pin_result like a check's; E_USAGE for a PIN that is
    // not 4 to 12 digits. Ignored while a PIN job runs.
    virtual void start_pin_change(const std::string& old_pin, const std::string& new_pin) = 0;
    [[nodiscard]] virtual bool pin_check_running() = 0;
    virtual bool pin_is_set() = 0;
    virtual std::vector<UsbOffer> usb_offers() = 0;
    virtual void start_import(const std::string& path) = 0;
    virtual void cancel_import() = 0;
    virtual ImportStatus import_status() = 0;
    // E_NOT_FOUND when the channel keeps no previous bundle.
    [[nodiscard]] virtual content::Status rollback(const std::string& channel) = 0;
    virtual std::vector<AuditRow> audit(std::size_t limit) = 0;
    virtual std::vector<KeyRow> trusted_keys() = 0;
    // E_NOT_FOUND when the key was not trusted.
    [[nodiscard]] virtual content::Status untrust(const std::string& key_id) = 0;
    // E_FORMAT when the file is not a minisign public key.
    [[nodiscard]] virtual content::Status trust_from_usb(const std::string& pub_path, const std::vector<std::string>& channels) = 0;
    virtual std::vector<std::string> usb_public_keys() = 0;
    // Starts exporting records and the audit log to the first USB stick on a
    // worker; ignored while one is running. export_status().outcome: the
    // sentence to show, or E_NOT_FOUND with no stick, E_IO/E_NO_SPACE on write
    // failures, E_BUSY while another process changes the content.
    virtual void start_export_to_usb() = 0;
    [[nodiscard]] virtual ExportStatus export_status() = 0;
    virtual void record_display_guard(const std::string& cell) = 0;              // audit a hidden small count
    [[nodiscard]] virtual content::Status save_session_record(const std::string& json) = 0;
    // Counts one anonymous self-paced completion of a module (no names, ever).
    [[nodiscard]] virtual content::Status record_completion(const std::string& module_id) = 0;
    virtual void request_quit() = 0;
    // The admin Device tab's model (issue 21): version, space, uptime, last
    // import, opening hours, kiosk software on sticks. Reads the state
    // database and the sticks' top folders; callers cache it.
    virtual DeviceInfo device_info() { return {}; }
    // Saves the screen's opening hours (content/screen_schedule.hpp syntax)
    // with an audit entry, in one commit; the loop follows them from the next
    // frame. E_USAGE with the parser's sentence when the text is not hours.
    [[nodiscard]] virtual content::Status set_screen_schedule(const std::string& text) {
        (void)text;
        return content::fail(content::Reason::usage, "This kiosk has no screen schedule.");
    }
};

enum class Theme { standard, high_contrast };

struct UiContext {
    const content::Catalog* catalog = nullptr;
    Services* services = nullptr;
    TextureProvider* textures = nullptr;
    Fonts fonts;
    std::int64_t now = 0;       // unix seconds, for overdue and review dates
    float scale = 1.0f;         // font scale step applied (1.0 = default)
    Theme theme = Theme::standard;
    bool kiosk_mode = false;
    bool keyboard_seen = false; // the platform saw a real key press since start (the on-screen keyboard's "auto")
    bool second_screen = false; // presenter: the projector shows the slide (two monitors)
    std::string visit_locality; // the visitor's own choice for this visit; cleared at idle reset
    std::string graphics;       // how the screen is drawn, for the admin screen ("OpenGL 2.1 ... (llvmpipe), ImGui backend opengl2")
};

// What a view asks the shell to do after drawing.
struct NavRequest {
    enum class Kind { none, go, back, home } kind = Kind::none;
    std::string route;
};

// The shared base of every screen.
class View {
public:
    virtual ~View() = default;
    // Breadcrumb label for the current route.
    [[nodiscard]] virtual std::string title() const = 0;
    // Takes a route's argument (the part after "name:"); returns false if it
    // does not name anything that exists.
    virtual bool open(const std::string& arg, UiContext& ctx) = 0;
    // Draws into the current ImGui window; fills `nav` when the user asked to go somewhere.
    virtual void draw(UiContext& ctx, NavRequest& nav) = 0;
    // Clears everything a person typed or chose (idle reset).
    virtual void reset() {}
    // True while the view animates (the loop keeps drawing).
    [[nodiscard]] virtual bool animating() const { return false; }
};

} // namespace kiosk
