
namespace AnJiaXing.Inspections.Contracts;

/// <summary>Every event of an inspection stream names its inspection and the person who caused it.</summary>
public interface IInspectionEvent
{
    Guid InspectionId { get; }
    Actor By { get; }
}
