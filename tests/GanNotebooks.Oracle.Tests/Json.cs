using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanNotebooks.Oracle.Tests;

static class Json
{
    /// <summary>Names as written (the config records keep their C# names, which oracle/networks.py reads); enums as text.</summary>
    public static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };
}
