namespace AnJiaXing.Registry;

/// <summary>The words of the Registry's operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class RegistryOperations : OperationTexts
{
    public RegistryOperations() : base("账号、组织与企业", "Sign-in, accounts, organisations and the enterprise registry")
    {
        Add("IssueToken", "登录取得令牌", "Sign in for a token",
            "以用户名和密码换取访问令牌（JWT）与刷新令牌。密码错误、账号或所属企业已停用答 401；同一地址登录过于频繁答 429；同一账号连续失败会被暂时锁定。",
            "Exchange a username and password for an access token (JWT) and a refresh token. A wrong password or a disabled account or enterprise is a 401; too many sign-ins from one address a 429; repeated failures lock the account for a while.",
            example: new { username = "town.nanxiang", password = DemoDistrict.Password }, problems: [401]);
        Add("RefreshToken", "刷新令牌", "Refresh a token",
            "以刷新令牌换取新的访问令牌（旧刷新令牌随即失效）；已撤销、过期或重复使用的刷新令牌答 401。",
            "Exchange a refresh token for a new access token (the old refresh token is spent); a revoked, expired or replayed one is a 401.",
            problems: [401]);
        Add("GetMe", "当前用户", "Who am I",
            "当前令牌所代表的用户：id、用户名、姓名、角色与所属组织。",
            "The caller: id, username, display name, role and organisation.");
        Add("RegisterSigningKey", "登记个人签名公钥", "Register a personal signing key",
            "登记本人的签名公钥，此后可用它对检查记录等进行个人签名。",
            "Register your public signing key, so your later signatures on records can be verified.");
        Add("ListUsers", "查询账号", "List accounts",
            "管理员在其辖区内按组织、角色查询账号，分页。",
            "Accounts within the administrator's scope, by organisation and role, paged.");
        Add("GetUser", "账号详情", "An account",
            "一个账号的详情。", "One account.");
        Add("CreateUser", "创建账号", "Create an account",
            "在管理员可管理的组织内创建账号（用户名唯一）。", "Create an account in an organisation the administrator manages (usernames are unique).");
        Add("DisableUser", "停用账号", "Disable an account",
            "停用后该账号不能再登录，已签发的令牌随即失效。", "A disabled account cannot sign in; its tokens stop working.");
        Add("EnableUser", "启用账号", "Enable an account", "恢复一个已停用的账号。", "Re-enable a disabled account.");
        Add("ChangeUserRole", "变更角色", "Change an account's role",
            "变更账号的角色（须与所属组织相符）。", "Change an account's role (it must fit the account's organisation).");
        Add("ResetPassword", "重置密码", "Reset a password",
            "管理员为账号设置新密码；该账号已有的刷新令牌全部撤销。", "An administrator sets a new password; the account's refresh tokens are revoked.",
            answer: Answer.NoContent);
        Add("ListOrganisations", "查询组织", "List organisations",
            "调用者可见的组织（区、镇街、部门），可按类型筛选。", "Organisations visible to the caller (district, towns, departments), optionally by kind.");
        Add("RegisterEnterprise", "登记企业", "Register an enterprise",
            "登记一家企业（统一社会信用代码唯一），答 201 与 Location。", "Register an enterprise (its unified social credit code is unique); 201 with Location.");
        Add("SearchEnterprises", "查询企业", "Search enterprises",
            "在调用者辖区内按镇街、行业领域、启用状态与关键字（名称或信用代码）查询企业，分页。",
            "Enterprises in the caller's scope by town, domain, enabled state and keyword (name or credit code), paged.");
        Add("GetEnterprise", "企业详情", "An enterprise", "一家企业的当前档案，带 ETag。", "An enterprise's current record, with its ETag.");
        Add("UpdateEnterprise", "修改企业信息", "Update an enterprise",
            "修改企业档案；须带 If-Match 或 expectedVersion，过期版本答 409。", "Update an enterprise's record; give If-Match or expectedVersion, a stale one is a 409.");
        Add("DisableEnterprise", "停用企业", "Disable an enterprise",
            "停用后其账号不能登录，也不能再对其上报隐患。", "Its accounts can no longer sign in and no new hazards may be reported against it.");
        Add("EnableEnterprise", "启用企业", "Enable an enterprise", "恢复一家已停用的企业。", "Re-enable a disabled enterprise.");
        Add("GrantEnterpriseAccount", "开通企业账号", "Grant an enterprise account",
            "为企业开通一个企业用户账号。", "Grant an EnterpriseUser account for the enterprise.");
        Add("ListEnterpriseAccounts", "企业的账号", "An enterprise's accounts", "该企业的全部账号。", "The enterprise's accounts.");
        Add("ImportEnterprises", "批量导入企业", "Import enterprises",
            "上传 .xlsx 或 .csv（UTF-8、GBK、GB18030 自动识别），逐行登记：错误行逐条报告、不影响其他行；信用代码已登记的行跳过，重复上传不会重复创建。",
            "Upload an .xlsx or .csv (UTF-8, GBK or GB18030, detected) and register it row by row: bad rows are reported and never stop good ones; rows whose credit code is registered are skipped, so a second upload creates nothing.");
        Add("GetEnterpriseImportTemplate", "下载企业导入模板", "Download the enterprise import template",
            "带中文表头的 .xlsx 模板。", "The .xlsx template with Chinese headers.", answer: Answer.File(Answer.Xlsx));
    }
}
