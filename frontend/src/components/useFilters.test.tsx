// @vitest-environment happy-dom
import { act, renderHook } from "@testing-library/react";
import { useFilters } from "./useFilters";

describe("useFilters", () => {
  it("goes back to the first page whenever a criterion changes", () => {
    const { result } = renderHook(() => useFilters({ status: "", q: "" }));
    act(() => result.current.setOffset(40));
    expect(result.current.offset).toBe(40);
    act(() => result.current.filter("status", "open"));
    expect(result.current.filters).toEqual({ status: "open", q: "" });
    expect(result.current.offset).toBe(0);
    act(() => result.current.setOffset(20));
    act(() => result.current.setFilters({ status: "", q: "dupont" }));
    expect(result.current.filters).toEqual({ status: "", q: "dupont" });
    expect(result.current.offset).toBe(0);
  });
});
