/// Where a page may send the user next (`next` after signing in, `returnTo` after a form): only paths on this
/// site, so a crafted link cannot send a user elsewhere.
enum LocalPath {
    static func checked(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\") else { return nil }
        return path
    }
}
