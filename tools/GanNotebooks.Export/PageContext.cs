namespace GanNotebooks.Export;

/// <summary>A link to another page of the site.</summary>
/// <param name="Href">Relative URL.</param>
/// <param name="Title">What the link says.</param>
internal sealed record PageLink(string Href, string Title);

/// <summary>
/// Where a page lives. Alone (<see cref="Standalone"/>), a page inlines its assets and images: one file to mail. In a
/// site, it links the shared assets/ folder, writes its images to files and links its neighbours.
/// </summary>
/// <param name="Name">The notebook's file name without extension, shown in the header.</param>
internal sealed record PageContext(string Name)
{
    /// <summary>Relative URL of the shared assets folder ("assets/"); null inlines every asset.</summary>
    public string? AssetsHref { get; init; }

    public PageLink? Index { get; init; }

    public PageLink? Previous { get; init; }

    public PageLink? Next { get; init; }

    /// <summary>Stores an image (MIME type, bytes, a name hint) and returns its URL; null keeps images as data URIs.</summary>
    public Func<string, byte[], string, string>? StoreImage { get; init; }

    public static PageContext Standalone(string name) => new(name);

    public bool Inline => AssetsHref is null;

    /// <summary>The URL of an image: a data URI alone, a file in a site.</summary>
    public string ImageUrl(string mime, byte[] bytes, string hint) =>
        StoreImage is null ? $"data:{mime};base64,{Convert.ToBase64String(bytes)}" : StoreImage(mime, bytes, hint);
}
