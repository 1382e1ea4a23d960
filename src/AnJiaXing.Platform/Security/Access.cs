namespace AnJiaXing.Platform.Security;

/// <summary>
/// The platform's one authorization style: a module states its rules as plain predicates over the <see cref="Caller"/>
/// and the resource (scope from <see cref="AccessScope"/>, roles from its own table), and turns a "no" into the
/// problem response here — 404 where admitting the resource exists would leak it, 403 where the caller may see it
/// but not act. The command path (<c>CommandRules</c>) uses the same predicates. Endpoint attributes only require
/// authentication or a role policy (<see cref="Policies"/>).
/// </summary>
public static class Access
{
    public static void HideUnless(bool visible, Noun what, object id)
    {
        if (!visible) throw Http.ApiProblemException.NotFound(what, id);
    }

    public static void RefuseUnless(bool allowed, string refusal)
    {
        if (!allowed) throw Http.ApiProblemException.Forbidden(refusal);
    }
}
