namespace AnJiaXing.CityPlatform;

/// <summary>The words of the city-platform operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class CityPlatformOperations : OperationTexts
{
    public CityPlatformOperations() : base("一网统管对接", "The city operations platform: dispatches in, the CloudEvents feed of hazard changes out")
    {
        Add("ReceiveCityDispatch", "接收城运派单", "Receive a city dispatch",
            "城运平台派单，以请求头 X-Signature: sha256=<请求体的 HMAC> 认证（不用用户令牌）；签名缺失或错误答 401 并留痕。同一派单号重复发送答首次的应答；找到企业即生成隐患，找不到则进入人工分拣。答 202。",
            "A task dispatched by the city platform, authenticated by X-Signature: sha256=<HMAC of the body> (no user token); a missing or bad signature is a 401 and recorded. A dispatch id seen before gets its first answer; a matched enterprise gets a hazard, else a triage item. 202.",
            answer: Answer.Accepted<CityDispatchAnswer>(), body: typeof(DispatchBody), problems: [401, 413]);
        Add("SearchCityDeliveries", "推送记录", "Outbound deliveries",
            "每次隐患变化都以 CloudEvents 1.0 推送给城运平台，重试直至送达；按状态（待发、已送达、失败）查询，分页。",
            "Every hazard change is sent to the city platform as a CloudEvents 1.0 message, retried until delivered; by status (Pending, Delivered, Failed), paged.");
        Add("ResendCityDelivery", "重新推送", "Resend a delivery", "重新推送一条（如已失败的）消息。", "Send a delivery again (e.g. a failed one).");
        Add("SearchCityTriage", "待分拨派单", "Dispatches to triage", "找不到对应企业的城运派单，由镇街分拨；可按状态（待分拨、已受理、已退回）筛选，分页。",
            "City dispatches whose enterprise was not found, for the town to triage; by status (Triage, Accepted, Rejected), paged.");
        Add("ResolveCityTriage", "分拨派单", "Resolve a triage item", "指定企业后，派单即成为该企业的隐患（来源：城运派单）。",
            "Name the enterprise: the dispatch becomes its hazard (source CityOpsDispatch).");
        Add("RejectCityTriage", "退回派单", "Reject a triage item", "说明理由退回派单，理由经推送通道回报城运平台。",
            "Reject the dispatch with a reason, reported back to the city through the feed.");
    }
}
