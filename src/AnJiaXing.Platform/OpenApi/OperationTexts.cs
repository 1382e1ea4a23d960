using System.Reflection;

namespace AnJiaXing.Platform.OpenApi;

/// <summary>The words of one operation in the OpenAPI document: a summary and a description, Chinese first.</summary>
public sealed record OperationText(
    string OperationId, string SummaryZh, string SummaryEn, string? DescriptionZh, string? DescriptionEn, object? Example, Answer? Answer,
    Type? Body, IReadOnlyList<int> Problems);

/// <summary>
/// The success answer of an endpoint that returns <c>IResult</c>, which the document cannot see by itself
/// (an <c>[IdempotentCreate]</c> endpoint needs none: it answers 201 with <c>CreatedResponse</c>).
/// </summary>
public sealed record Answer(int Status, Type? Body = null, string? ContentType = null)
{
    public const string Xlsx = Imports.Spreadsheets.XlsxContentType;

    public static Answer Created<T>() => new(StatusCodes.Status201Created, typeof(T));
    public static Answer Accepted<T>() => new(StatusCodes.Status202Accepted, typeof(T));
    public static readonly Answer NoContent = new(StatusCodes.Status204NoContent);
    public static Answer File(string contentType) => new(StatusCodes.Status200OK, null, contentType);
}

/// <summary>
/// One class per module (e.g. <c>HazardsOperations</c> beside the module class) holding the words of its operations,
/// keyed by <c>OperationId</c>; <see cref="OperationDocumentation"/> finds it in the module's assembly, so a new
/// endpoint needs a line here and nothing else. Everything else (tag, problem responses, status codes, headers,
/// multipart bodies, generated examples) is derived from the endpoint's metadata.
/// </summary>
public abstract class OperationTexts
{
    private readonly List<OperationText> _texts = [];
    private readonly Dictionary<string, (string Zh, string En)> _areas = [];

    /// <param name="tagZh">The module's name in Chinese, shown beside its tag, e.g. "隐患排查治理".</param>
    /// <param name="tagEn">What the module does, in English.</param>
    protected OperationTexts(string tagZh, string tagEn)
    {
        TagZh = tagZh;
        TagEn = tagEn;
    }

    public string TagZh { get; }
    public string TagEn { get; }
    public IReadOnlyList<OperationText> Texts => _texts;

    /// <summary>Tags of the platform's own areas (Audit, Evidence, Ledger), which share one assembly.</summary>
    public IReadOnlyDictionary<string, (string Zh, string En)> Areas => _areas;

    /// <summary>An operation's words. <paramref name="example"/> is a request body shown instead of the generated one;
    /// <paramref name="body"/> the JSON body of an endpoint that reads it itself (signed or device-keyed requests);
    /// <paramref name="problems"/> statuses its metadata cannot show (a 401 of its own authentication, a 413 of its own limit).</summary>
    protected void Add(string operationId, string summaryZh, string summaryEn, string? descriptionZh = null,
        string? descriptionEn = null, object? example = null, Answer? answer = null, Type? body = null, int[]? problems = null) =>
        _texts.Add(new OperationText(operationId, summaryZh, summaryEn, descriptionZh, descriptionEn, example, answer, body, problems ?? []));

    protected void Area(string tag, string zh, string en) => _areas[tag] = (zh, en);

    /// <summary>Every <see cref="OperationTexts"/> in the given assemblies.</summary>
    public static IReadOnlyList<OperationTexts> In(IEnumerable<Assembly> assemblies) =>
        assemblies.Distinct()
            .SelectMany(a => a.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(OperationTexts))))
            .Select(t => (OperationTexts)Activator.CreateInstance(t, nonPublic: true)!)
            .ToList();
}
