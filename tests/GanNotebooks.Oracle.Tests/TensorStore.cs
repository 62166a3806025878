using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// Named tensors on disk, shared with oracle/tensors.py: one raw little-endian file per tensor plus index.json
/// {name: {file, dtype (float32 | float64 | int64), shape}}. The simplest format both numpy and .NET read exactly.
/// </summary>
static class TensorStore
{
    sealed record Entry([property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("dtype")] string Dtype, [property: JsonPropertyName("shape")] long[] Shape);

    public static void Write(string folder, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Directory.CreateDirectory(folder);
        var index = new Dictionary<string, Entry>();
        int i = 0;
        foreach (var (name, t) in tensors)
        {
            using var c = t.detach().cpu().contiguous();
            var file = $"{i++}.bin";
            var (dtype, bytes) = c.dtype switch
            {
                ScalarType.Float32 => ("float32", MemoryMarshal.AsBytes(c.data<float>().ToArray().AsSpan()).ToArray()),
                ScalarType.Float64 => ("float64", MemoryMarshal.AsBytes(c.data<double>().ToArray().AsSpan()).ToArray()),
                ScalarType.Int64 => ("int64", MemoryMarshal.AsBytes(c.data<long>().ToArray().AsSpan()).ToArray()),
                _ => throw new NotSupportedException($"{name}: {c.dtype} is not a fixture dtype."),
            };
            File.WriteAllBytes(Path.Combine(folder, file), bytes);
            index[name] = new Entry(file, dtype, c.shape);
        }
        File.WriteAllText(Path.Combine(folder, "index.json"), JsonSerializer.Serialize(index, Json.Options));
    }

    public static Dictionary<string, Tensor> Read(string folder)
    {
        var index = JsonSerializer.Deserialize<Dictionary<string, Entry>>(
            File.ReadAllText(Path.Combine(folder, "index.json")), Json.Options)!;
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, e) in index)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, e.File));
            var t = e.Dtype switch
            {
                "float32" => torch.tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), e.Shape),
                "float64" => torch.tensor(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), e.Shape),
                "int64" => torch.tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), e.Shape),
                _ => throw new NotSupportedException($"{name}: dtype {e.Dtype}."),
            };
            result[name] = t.DetachFromDisposeScope();
        }
        return result;
    }
}
