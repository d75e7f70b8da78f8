package com.faceid.ledger.app.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's headless Chromium driven through its own chromedriver: no browser or driver is downloaded. Without
 * them the browser tests are skipped, unless {@code LEDGER_BROWSER_TESTS=required} (as .ci/run sets it), when
 * their absence fails the run.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LEDGER_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LEDGER_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(int port) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("LEDGER_BROWSER_TESTS"))) {
            throw new IllegalStateException("the browser tests are required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " / " + CHROMEDRIVER + ": browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), "http://127.0.0.1:" + port);
    }

    Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    Browser signIn(String key) {
        go("/console/sign-in");
        find("#apiKey").sendKeys(key);
        clickAndWait(find("main form button[type=submit]"));
        return this;
    }

    Browser signOut() {
        clickAndWait(find("header form[action='/console/sign-out'] button"));
        return this;
    }

    /** Clicks (a link, a form's button) and waits until the next page has replaced this one. */
    void clickAndWait(WebElement element) {
        var js = (org.openqa.selenium.JavascriptExecutor) driver;
        js.executeScript("window.ledgerPageBefore = true");
        element.click();
        // a new document has no such variable, and is loaded when its readyState is complete
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20)).until(d ->
                Boolean.TRUE.equals(js.executeScript("return window.ledgerPageBefore === undefined"
                        + " && document.readyState === 'complete'")));
    }

    /** A fresh start: no session cookie. */
    void forget() {
        go("/console/sign-in");
        driver.manage().deleteAllCookies();
    }

    /** Saves the page as target/console-screenshots/{name}.png (docs/console.md shows some of them). */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page at a width, as a screenshot (height grown to the page's). */
    void screenshotAt(String name, int width) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(width, Math.min(4000, height.intValue() + 120)));
        screenshot(name);
        driver.manage().window().setSize(before);
    }

    /** The widths every page must fit (a phone, a laptop), each saved as {name}-{width}.png for docs/console.md. */
    static final int[] WIDTHS = {1280, 390};

    /**
     * Asserts that the page shown is no wider than the screen at each of {@link #WIDTHS} (a wide table scrolls in
     * its own box) and saves the screen at each width as {@code {name}-{width}.png}.
     */
    void fitsAndShoot(String name) {
        var js = (org.openqa.selenium.JavascriptExecutor) driver;
        Dimension before = driver.manage().window().getSize();
        try {
            for (int width : WIDTHS) {
                driver.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
                Number scroll = (Number) js.executeScript("return document.documentElement.scrollWidth");
                Number viewport = (Number) js.executeScript("return document.documentElement.clientWidth");
                Object wide = js.executeScript("const w = document.documentElement.clientWidth;"
                        + " return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                        + ".right > w + 1 && !e.closest('.scroll')).slice(0, 5).map(e => e.tagName + '#' + e.id"
                        + " + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')");
                org.assertj.core.api.Assertions.assertThat(scroll.intValue())
                        .as("%s at %d px: %s", path(), width, wide).isLessThanOrEqualTo(viewport.intValue());
                screenshot(name + "-" + width);
            }
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    String cookie(String name) {
        var c = driver.manage().getCookieNamed(name);
        return c == null ? null : c.getValue();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
