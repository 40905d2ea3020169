import Foundation

extension ViTEncoder {
    /// Loads Bird-MAE encoder weights from a safetensors file with DESIGN §5 names
    /// (`patch_embed.proj.{weight,bias}`, `cls_token`, `pos_embed`, `blocks.{i}.…`, `norm`,
    /// `fc_norm`). Tensors whose names start with one of `ignoring` (e.g. `"decoder_"`,
    /// `"mask_token"`, `"head."` of a full MAE or fine-tuned checkpoint) are skipped; every other
    /// missing, misshapen or unexpected tensor is named in one `InputError`.
    public func loadBirdMAE(from url: URL, ignoring prefixes: [String] = []) throws {
        let (tensors, _) = try Safetensors.read(url)
        let kept = tensors.filter { entry in !prefixes.contains { entry.key.hasPrefix($0) } }
        try load(kept, file: url.path)
    }
}
