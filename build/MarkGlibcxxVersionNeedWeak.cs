#nullable enable
// Inline MSBuild task (see TorchSharpNativeFix.targets): sets VER_FLG_WEAK on one GLIBCXX version-need entry of
// every libLibTorchSharp.so under Folder, when the system libstdc++ does not define that version.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class MarkGlibcxxVersionNeedWeak : Task
{
    [Required] public string Folder { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        var libs = Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "libLibTorchSharp.so", SearchOption.AllDirectories)
            : new string[0];
        if (libs.Length == 0) return true;

        string? system = LibStdCxxCandidates.FirstOrDefault(File.Exists);
        if (system == null)
        {
            Log.LogMessage(MessageImportance.Normal, "TorchSharp native fix: no system libstdc++.so.6 found; nothing done.");
            return true;
        }
        if (Contains(File.ReadAllBytes(system), Encoding.ASCII.GetBytes(Version + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, $"TorchSharp native fix: {system} defines {Version}; nothing to do.");
            return true;
        }
        foreach (var lib in libs)
        {
            try { Patch(lib); }
            catch (Exception e) { Log.LogError($"TorchSharp native fix: could not patch {lib}: {e.Message}"); }
        }
        return !Log.HasLoggedErrors;
    }

    void Patch(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        int changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            long off = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28);
            long strOff = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);
            changed += MarkWeak(elf, off, strOff);
        }
        if (changed == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"TorchSharp native fix: {path} needs no weak mark (already weak or no {Version}).");
            return;
        }
        string tmp = path + ".patching";
        File.WriteAllBytes(tmp, elf);
        File.Delete(path);           // unlink first: never write through a hard link into the NuGet cache
        File.Move(tmp, path);
        Log.LogMessage(MessageImportance.High, $"TorchSharp native fix: marked {Version} weak in {path} (system libstdc++ lacks it).");
    }

    // Walks the Elf64_Verneed chain; in each Elf64_Vernaux whose name is Version, sets VER_FLG_WEAK.
    int MarkWeak(byte[] elf, long verneed, long strtab)
    {
        int changed = 0;
        for (long vn = verneed; ; )
        {
            int cnt = BitConverter.ToUInt16(elf, (int)vn + 2);
            long aux = vn + BitConverter.ToUInt32(elf, (int)vn + 8);
            for (int j = 0; j < cnt; j++)
            {
                long name = strtab + BitConverter.ToUInt32(elf, (int)aux + 8);
                if (CStringEquals(elf, name, Version))
                {
                    ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                    if ((flags & VerFlgWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, (int)aux + 4);
                        changed++;
                    }
                }
                uint next = BitConverter.ToUInt32(elf, (int)aux + 12);
                if (next == 0) break;
                aux += next;
            }
            uint vnNext = BitConverter.ToUInt32(elf, (int)vn + 12);
            if (vnNext == 0) return changed;
            vn += vnNext;
        }
    }

    static bool CStringEquals(byte[] b, long at, string s)
    {
        for (int k = 0; k < s.Length; k++) if (b[at + k] != (byte)s[k]) return false;
        return b[at + s.Length] == 0;
    }

    static bool Contains(byte[] hay, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= hay.Length; i++)
        {
            if (hay[i] != needle[0]) continue;
            int k = 1;
            while (k < needle.Length && hay[i + k] == needle[k]) k++;
            if (k == needle.Length) return true;
        }
        return false;
    }
}
