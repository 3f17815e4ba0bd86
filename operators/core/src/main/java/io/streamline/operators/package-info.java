/**
 * The stateful operator library, built on the engine's {@code Operator} SPI and keyed state and added to the
 * fluent API through {@code DataStream.via}, so user code still reads as one chain.
 */
package io.streamline.operators;
