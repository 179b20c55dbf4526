package org.stagedml.api.engine;

/**
 * One GPU as an engine sees it.
 *
 * @param index the host's index of the device ({@code gpu:<index>} in a build's granted devices)
 * @param name the device's name, e.g. {@code NVIDIA A100-SXM4-40GB}
 * @param memoryBytes its memory in bytes (0 when the engine does not say)
 */
public record Gpu(int index, String name, long memoryBytes) {
    @Override
    public String toString() {
        return "gpu:" + index + " " + name
                + (memoryBytes > 0 ? String.format(" (%.1f GiB)", memoryBytes / (1024.0 * 1024 * 1024)) : "");
    }
}
