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
    }
}
