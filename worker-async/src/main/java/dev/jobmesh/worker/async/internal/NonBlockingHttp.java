package dev.jobmesh.worker.async.internal;

import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.jobmesh.core.workload.HttpWorkload;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/**
 * {@code http} on Reactor Netty: the GET is written and its response read by the event loops, on a bounded pool of
 * keep-alive connections, with no thread waiting for it. Stopping disposes the request, which closes its
 * connection if the response had not arrived.
 */
public final class NonBlockingHttp implements LoopWorkload {

    private final HttpWorkload workload;
    private final HttpClient client;

    /** @param client a client whose pool and time limits are already configured */
    public NonBlockingHttp(HttpWorkload workload, HttpClient client) {
        this.workload = workload;
        this.client = client;
    }

    @Override
    public String type() {
        return workload.type();
    }

    @Override
    public Cancellable start(Map<String, Object> params, EventLoop loop, Completion completion) {
        HttpWorkload.HttpParams http = workload.parse(params);
        Disposable request = client.get()
                .uri(http.url())
                // The body is counted, not kept, and no further than one byte past what the target sends: a longer
                // one fails the job and its connection is dropped (cancelling the inbound closes it).
                .response((response, body) -> body
                        .map(ByteBuf::readableBytes)
                        .scan(0, Integer::sum)
                        .takeUntil(bytes -> bytes > HttpWorkload.EXPECTED_BYTES)
                        .last(0)
                        .map(bytes -> HttpWorkload.check(response.status().code(), bytes)))
                .next()
                .onErrorMap(NonBlockingHttp::isTimeout, NonBlockingHttp::asSocketTimeout)
                .subscribe(completion::succeeded, completion::failed);
        return request::dispose;
    }

    /** A response or pool-acquire timeout of Reactor Netty: the same kind of failure as a JDK client timeout. */
    private static boolean isTimeout(Throwable error) {
        return error instanceof io.netty.handler.timeout.TimeoutException || error instanceof TimeoutException;
    }

    private static Throwable asSocketTimeout(Throwable error) {
        SocketTimeoutException timeout = new SocketTimeoutException(
                error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        timeout.initCause(error);
        return timeout;
    }
}
