namespace Qtickets.Emulator.Data;

/// <summary>What <see cref="DataSetGenerator"/> produces: orders sorted by id plus the catalogue they refer to.</summary>
public sealed record DataSet(List<Order> Orders, OrderFactory Factory, int NextOrderId);
