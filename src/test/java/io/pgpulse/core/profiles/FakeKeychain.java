package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keychain that works in memory, fails, or hangs like a locked GNOME keyring until
 * {@link #release()} is called.
 */
final class FakeKeychain implements KeychainBackend {

    final Map<String, Secret> entries = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);

    private final CountDownLatch released;
    private final RuntimeException failure;
    private final SecretStore.Availability availability;

    private FakeKeychain(boolean hangs, RuntimeException failure, SecretStore.Availability availability) {
        this.released = new CountDownLatch(hangs ? 1 : 0);
        this.failure = failure;
        this.availability = availability;
    }

    static FakeKeychain working() {
        return new FakeKeychain(false, null, new SecretStore.Available("Fake Keychain"));
    }

    static FakeKeychain hanging() {
        return new FakeKeychain(true, null, new SecretStore.Available("Fake Keychain"));
    }

    static FakeKeychain failing(RuntimeException failure) {
        return new FakeKeychain(false, failure, new SecretStore.Available("Fake Keychain"));
    }

    static FakeKeychain absent() {
        return new FakeKeychain(false, null, new SecretStore.Unavailable("no secure store in this test"));
    }

    void release() {
        released.countDown();
    }

    @Override
    public SecretStore.Availability open() {
        pass();
        return availability;
    }

    @Override
    public Optional<Secret> read(String key) {
        pass();
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public boolean write(String key, String account, Secret password) {
        pass();
        writes.incrementAndGet();
        entries.put(key, password);
        return true;
    }

    @Override
    public boolean remove(String key) {
        pass();
        return entries.remove(key) != null;
    }

    private void pass() {
        entered.countDown();
        // Deaf to interrupts, like a thread parked in native code.
        boolean interrupted = false;
        while (true) {
            try {
                released.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
