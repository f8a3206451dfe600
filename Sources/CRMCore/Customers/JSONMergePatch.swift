import Foundation

/// RFC 7396 JSON Merge Patch on values from `JSONSerialization`: members of the patch replace
/// those of the target, `null` removes a member, objects merge recursively, arrays are replaced whole.
/// An API PATCH becomes "current state + patch", checked by the same rules as a create.
public enum JSONMergePatch {
    public static func apply(_ patch: Any, to target: Any?) -> Any {
        guard let patchObject = patch as? [String: Any] else { return patch }
        var result = (target as? [String: Any]) ?? [:]
        for (key, value) in patchObject {
            if value is NSNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key])
            }
        }
        return result
    }
}
