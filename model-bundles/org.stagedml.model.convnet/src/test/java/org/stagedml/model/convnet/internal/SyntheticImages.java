package org.stagedml.model.convnet.internal;

import java.util.Random;

/**
 * A learnable MNIST-shaped task for tests: class c is a bright 7x7 square in cell c of a 4x3 grid
 * over a 28x28 image, jittered by a pixel, on uniform noise.
 */
final class SyntheticImages {
    private SyntheticImages() {
    }

    static IdxImages generate(int count, int classes, long seed) {
        Random r = new Random(seed);
        int rows = 28;
        int cols = 28;
        byte[] pixels = new byte[count * rows * cols];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int c = r.nextInt(classes);
            labels[i] = c;
            int base = i * rows * cols;
            for (int p = 0; p < rows * cols; p++) {
                pixels[base + p] = (byte) r.nextInt(50);
            }
            int top = 2 + (c / 4) * 9 + r.nextInt(3) - 1;
            int left = 1 + (c % 4) * 7 + r.nextInt(3) - 1;
            for (int y = Math.max(0, top); y < Math.min(rows, top + 7); y++) {
                for (int x = Math.max(0, left); x < Math.min(cols, left + 6); x++) {
                    pixels[base + y * cols + x] = (byte) (200 + r.nextInt(56));
                }
            }
        }
        return new IdxImages(count, rows, cols, pixels, labels);
    }

    /** Small, fast settings for tests. */
    static ConvNetSettings tinySettings(int epochs) {
        return new ConvNetSettings(epochs, 32, 3e-3, 42, 5, 8, 16, 32, 0.25);
    }
}
